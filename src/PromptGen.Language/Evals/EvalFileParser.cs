using System.Globalization;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Evals;

/// <summary>
/// Reads <c>*.eval.yaml</c> files (YAML 1.2 core schema) into <see cref="EvalFile"/>. Reports, without looking at the
/// prompt: PG0001 (invalid YAML), PG0504 (unknown or malformed assertion, or a malformed part of the file), PG0505
/// (missing or duplicate case id) and PG0502 when a case's <c>input</c> is not a mapping. Never throws on bad input.
/// </summary>
public static partial class EvalFileParser
{
    /// <summary>The most trials a case may ask for.</summary>
    public const int MaxTrials = 1000;

    internal static readonly IReadOnlyList<string> FileKeys = new[] { "prompt", "description", "defaults", "cases", "gate", "experiment" };
    internal static readonly IReadOnlyList<string> DefaultsKeys = new[] { "trials", "pass-when" };
    internal static readonly IReadOnlyList<string> CaseKeys = new[] { "id", "description", "input", "assert", "check", "critical", "trials", "pass-when" };
    internal static readonly IReadOnlyList<string> GateKeys = new[] { "min-pass-rate", "tolerance", "alpha" };
    internal static readonly IReadOnlyList<string> PassWhenForms = new[] { "all", "majority", "at-least", "rate" };

    public static EvalFile Parse(string path, string text)
    {
        path ??= string.Empty;
        text ??= string.Empty;
        var lines = new LineMap(text);
        var diagnostics = new EvalDiagnosticList(path);
        try
        {
            return ParseCore(path, text, lines, diagnostics);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            diagnostics.Add(DiagnosticDescriptors.InternalError, lines.GetSpan(0, 0),
                $"Internal error while reading the eval file ({exception.GetType().Name}: {exception.Message}). Please report this.");
            return new EvalFile { Path = path, Lines = lines, Diagnostics = diagnostics.Items };
        }
    }

    private static EvalFile ParseCore(string path, string text, LineMap lines, EvalDiagnosticList diagnostics)
    {
        var yaml = YamlFrontmatterReader.Read(text, 0, text.Length, lines, path);
        foreach (var diagnostic in yaml.Diagnostics)
        {
            // The reader words its messages for frontmatter; an eval file is a whole YAML file.
            var message = diagnostic.Message.Replace("Invalid YAML in frontmatter", "Invalid YAML in eval file").Replace("in frontmatter", "in the eval file")
                .Replace("the frontmatter", "the eval file").Replace("frontmatter", "eval file");
            diagnostics.Add(new PromptDiagnostic(diagnostic.Descriptor, diagnostic.Path, diagnostic.Span, message));
        }

        var fileStart = lines.GetSpan(0, Math.Min(1, text.Length));
        if (!yaml.Succeeded) return new EvalFile { Path = path, Lines = lines, Diagnostics = diagnostics.Items };
        var root = yaml.Root;
        if (root is null || EvalYaml.IsNull(root))
        {
            diagnostics.Malformed(fileStart, "The eval file is empty; it needs 'cases:' with at least one case");
            return new EvalFile { Path = path, Lines = lines, Diagnostics = diagnostics.Items };
        }

        if (!EvalYaml.IsMapping(root))
        {
            diagnostics.Malformed(root.Span, $"An eval file is a mapping with prompt, defaults, cases and gate, not {EvalYaml.Describe(root)}");
            return new EvalFile { Path = path, Lines = lines, Diagnostics = diagnostics.Items };
        }

        var unknownKeys = ReportUnknownKeys(root, "the eval file", FileKeys, diagnostics);

        string? promptReference = null;
        SourceSpan? promptSpan = null;
        if (root.FindEntry("prompt") is { } promptEntry)
        {
            promptReference = EvalYaml.String(promptEntry.Value);
            if (promptReference is null || promptReference.Trim().Length == 0)
            {
                diagnostics.Malformed(promptEntry.Value.Span, "'prompt' needs the prompt file name relative to this eval file, e.g. prompt: TriageTicket.prompt");
                promptReference = null;
            }
            else
            {
                promptSpan = promptEntry.Value.Span;
            }
        }

        if (root.FindEntry("description") is { } descriptionEntry && EvalYaml.String(descriptionEntry.Value) is null && !EvalYaml.IsNull(descriptionEntry.Value))
        {
            diagnostics.Malformed(descriptionEntry.Value.Span, "'description' needs text");
        }

        var defaults = ReadDefaults(root.FindEntry("defaults"), diagnostics);
        var gate = ReadGate(root.FindEntry("gate"), diagnostics);
        var experiment = ReadExperiment(root.FindEntry("experiment"), diagnostics);
        // A misspelt 'cases' key has been reported already; "no cases" would only repeat it.
        var cases = root.FindEntry("cases") is null && unknownKeys ? Array.Empty<EvalCase>() : ReadCases(root.FindEntry("cases"), fileStart, defaults, diagnostics);

        return new EvalFile
        {
            Path = path,
            Lines = lines,
            PromptReference = promptReference,
            PromptReferenceSpan = promptSpan,
            Defaults = defaults,
            Gate = gate,
            Experiment = experiment,
            Cases = cases,
            Diagnostics = diagnostics.Items,
        };
    }

    private static EvalDefaults ReadDefaults(YamlSourceEntry? entry, EvalDiagnosticList diagnostics)
    {
        if (entry is null || EvalYaml.IsNull(entry.Value)) return EvalDefaults.Standard;
        if (!EvalYaml.IsMapping(entry.Value))
        {
            diagnostics.Malformed(entry.Value.Span, $"'defaults' is a mapping such as {{ trials: 3, pass-when: majority }}, not {EvalYaml.Describe(entry.Value)}");
            return EvalDefaults.Standard;
        }

        ReportUnknownKeys(entry.Value, "defaults", DefaultsKeys, diagnostics);
        var trials = entry.Value.FindEntry("trials") is { } trialsEntry ? ReadTrials(trialsEntry, diagnostics) : null;
        var passWhen = entry.Value.FindEntry("pass-when") is { } passEntry ? ReadPassWhen(passEntry, diagnostics) : null;
        var result = new EvalDefaults { Trials = trials ?? 1, PassWhen = passWhen?.Rule ?? EvalPassRule.All };
        if (passWhen is { } rule) CheckReachable(rule.Rule, rule.Span, result.Trials, diagnostics);
        return result;
    }

    private static EvalGateSettings ReadGate(YamlSourceEntry? entry, EvalDiagnosticList diagnostics)
    {
        if (entry is null) return EvalGateSettings.Standard;
        if (EvalYaml.IsNull(entry.Value)) return new EvalGateSettings { Span = entry.KeySpan };
        if (!EvalYaml.IsMapping(entry.Value))
        {
            diagnostics.Malformed(entry.Value.Span, $"'gate' is a mapping such as {{ min-pass-rate: 0.9, tolerance: 0.05, alpha: 0.05 }}, not {EvalYaml.Describe(entry.Value)}");
            return new EvalGateSettings { Span = entry.KeySpan };
        }

        ReportUnknownKeys(entry.Value, "gate", GateKeys, diagnostics);
        double Read(string key, double fallback, bool zeroAllowed, bool oneAllowed)
        {
            if (entry.Value.FindEntry(key) is not { } found) return fallback;
            var number = EvalYaml.Number(found.Value);
            if (number is null || number < 0 || number > 1 || (!zeroAllowed && number == 0) || (!oneAllowed && number == 1))
            {
                var range = zeroAllowed ? oneAllowed ? "from 0 to 1" : "from 0 up to (not including) 1" : "between 0 and 1 (exclusive)";
                diagnostics.Malformed(found.Value.Span, $"'gate.{key}' needs a number {range}, not {Shown(found.Value)}");
                return fallback;
            }

            return number.Value;
        }

        return new EvalGateSettings
        {
            MinPassRate = Read("min-pass-rate", EvalGateSettings.DefaultMinPassRate, true, true),
            Tolerance = Read("tolerance", EvalGateSettings.DefaultTolerance, true, false),
            Alpha = Read("alpha", EvalGateSettings.DefaultAlpha, false, false),
            Span = entry.KeySpan,
        };
    }

    private static IReadOnlyList<EvalCase> ReadCases(YamlSourceEntry? entry, SourceSpan fileStart, EvalDefaults defaults, EvalDiagnosticList diagnostics)
    {
        if (entry is null)
        {
            diagnostics.Malformed(fileStart, "The eval file has no 'cases:'; add at least one case with an id, an input and assertions");
            return Array.Empty<EvalCase>();
        }

        if (!EvalYaml.IsSequence(entry.Value) || entry.Value.Items.Count == 0)
        {
            var span = EvalYaml.IsNull(entry.Value) ? entry.KeySpan : entry.Value.Span;
            diagnostics.Malformed(span, EvalYaml.IsSequence(entry.Value) || EvalYaml.IsNull(entry.Value)
                ? "'cases' is empty; add at least one case with an id, an input and assertions"
                : $"'cases' is a list of cases, not {EvalYaml.Describe(entry.Value)}");
            return Array.Empty<EvalCase>();
        }

        var cases = new List<EvalCase>();
        var firstUse = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        var assertionParser = new EvalAssertionParser(diagnostics);
        var ordinal = 0;
        foreach (var node in entry.Value.Items)
        {
            ordinal++;
            if (!EvalYaml.IsMapping(node))
            {
                diagnostics.Malformed(node.Span, $"A case is a mapping with id, input and assert, not {EvalYaml.Describe(node)}");
                continue;
            }

            var evalCase = ReadCase(node, ordinal, defaults, assertionParser, diagnostics);
            if (evalCase.Id is { } id)
            {
                if (firstUse.TryGetValue(id, out var first))
                {
                    diagnostics.Add(DiagnosticDescriptors.EvalCaseIdInvalid, evalCase.IdSpan,
                        $"Duplicate case id '{id}' (first used at line {first.StartLine.ToString(CultureInfo.InvariantCulture)})");
                }
                else
                {
                    firstUse[id] = evalCase.IdSpan;
                }
            }

            cases.Add(evalCase);
        }

        return cases;
    }

    private static EvalCase ReadCase(YamlSourceNode node, int ordinal, EvalDefaults defaults, EvalAssertionParser assertionParser, EvalDiagnosticList diagnostics)
    {
        var unknownKeys = ReportUnknownKeys(node, "case", CaseKeys, diagnostics);
        var caseStart = new SourceSpan(node.Span.Start, node.Span.Start, node.Span.StartLine, node.Span.StartColumn, node.Span.StartLine, node.Span.StartColumn);

        string? id = null;
        var idSpan = caseStart;
        if (node.FindEntry("id") is { } idEntry)
        {
            idSpan = idEntry.Value.Span;
            id = EvalYaml.ScalarText(idEntry.Value);
            if (id is null || id.Trim().Length == 0)
            {
                diagnostics.Add(DiagnosticDescriptors.EvalCaseIdInvalid, EvalYaml.IsNull(idEntry.Value) ? idEntry.KeySpan : idEntry.Value.Span,
                    $"Case id must be a short, stable text such as 'double-charge', not {EvalYaml.Describe(idEntry.Value)}");
                id = null;
            }
        }

        var inputEntry = node.FindEntry("input");
        var input = PromptValue.EmptyObject();
        YamlSourceNode? inputNode = null;
        if (inputEntry is not null)
        {
            if (EvalYaml.IsMapping(inputEntry.Value))
            {
                input = inputEntry.Value.Value;
                inputNode = inputEntry.Value;
            }
            else if (!EvalYaml.IsNull(inputEntry.Value))
            {
                diagnostics.Add(DiagnosticDescriptors.EvalInputMismatch, inputEntry.Value.Span,
                    $"'input' is a mapping of the prompt's input fields, e.g. {{ ticket: \"...\" }}, not {EvalYaml.Describe(inputEntry.Value)}");
            }
        }

        if (id is null && node.FindEntry("id") is null)
        {
            diagnostics.Add(DiagnosticDescriptors.EvalCaseIdInvalid, caseStart, $"Case has no 'id'; add a short, stable id such as '{SuggestId(input, ordinal)}'");
        }

        var assertions = ReadAssertions(node.FindEntry("assert"), true, assertionParser, diagnostics);
        var checks = ReadAssertions(node.FindEntry("check"), false, assertionParser, diagnostics);
        if (node.FindEntry("assert") is null && node.FindEntry("check") is null && !unknownKeys)
        {
            diagnostics.Malformed(id is null ? caseStart : idSpan, $"Case {(id is null ? "" : $"'{id}' ")}has no assertions; add 'assert:' (gating) or 'check:' (reported) entries");
        }

        var critical = false;
        if (node.FindEntry("critical") is { } criticalEntry)
        {
            if (EvalYaml.Boolean(criticalEntry.Value) is { } flag) critical = flag;
            else diagnostics.Malformed(criticalEntry.Value.Span, $"'critical' needs true or false, not {Shown(criticalEntry.Value)}");
        }

        string? description = null;
        if (node.FindEntry("description") is { } descriptionEntry)
        {
            description = EvalYaml.String(descriptionEntry.Value);
            if (description is null && !EvalYaml.IsNull(descriptionEntry.Value)) diagnostics.Malformed(descriptionEntry.Value.Span, "'description' needs text");
        }

        var trials = node.FindEntry("trials") is { } trialsEntry ? ReadTrials(trialsEntry, diagnostics) : null;
        var passWhen = node.FindEntry("pass-when") is { } passEntry ? ReadPassWhen(passEntry, diagnostics) : null;
        var effectiveTrials = trials ?? defaults.Trials;
        if (passWhen is { } rule) CheckReachable(rule.Rule, rule.Span, effectiveTrials, diagnostics);
        else if (trials is not null && node.FindEntry("trials") is { } te) CheckReachable(defaults.PassWhen, te.Value.Span, effectiveTrials, diagnostics);

        return new EvalCase
        {
            Id = id,
            IdSpan = idSpan,
            Description = description,
            Input = input,
            InputNode = inputNode,
            Assert = assertions,
            Check = checks,
            Critical = critical,
            Trials = trials,
            PassWhen = passWhen?.Rule,
            Span = node.Span,
        };
    }

    private static IReadOnlyList<EvalAssertion> ReadAssertions(YamlSourceEntry? entry, bool gating, EvalAssertionParser parser, EvalDiagnosticList diagnostics)
    {
        if (entry is null || EvalYaml.IsNull(entry.Value)) return Array.Empty<EvalAssertion>();
        if (!EvalYaml.IsSequence(entry.Value))
        {
            diagnostics.Malformed(entry.Value.Span, $"'{entry.Key}' is a list of assertions such as - {{ path: category, equals: billing }}, not {EvalYaml.Describe(entry.Value)}");
            return Array.Empty<EvalAssertion>();
        }

        var result = new List<EvalAssertion>();
        foreach (var item in entry.Value.Items)
        {
            if (parser.Parse(item, gating) is { } assertion) result.Add(assertion);
        }

        return result;
    }

    private static int? ReadTrials(YamlSourceEntry entry, EvalDiagnosticList diagnostics)
    {
        if (EvalYaml.Integer(entry.Value) is { } count && count >= 1 && count <= MaxTrials) return (int)count;
        diagnostics.Malformed(entry.Value.Span, $"'trials' needs a whole number from 1 to {MaxTrials}, not {Shown(entry.Value)}");
        return null;
    }

    private static (EvalPassRule Rule, SourceSpan Span)? ReadPassWhen(YamlSourceEntry entry, EvalDiagnosticList diagnostics)
    {
        const string Forms = "all, majority, { at-least: N } or { rate: 0.8 }";
        var value = entry.Value;
        if (EvalYaml.String(value) is { } text)
        {
            if (text == "all") return (EvalPassRule.All, value.Span);
            if (text == "majority") return (EvalPassRule.Majority, value.Span);
            diagnostics.Malformed(value.Span, $"'pass-when' is {Forms}, not '{text}'{EvalYaml.Hint(text, new[] { "all", "majority" })}");
            return null;
        }

        if (!EvalYaml.IsMapping(value) || value.Entries.Count != 1)
        {
            diagnostics.Malformed(value.Span, $"'pass-when' is {Forms}");
            return null;
        }

        var form = value.Entries[0];
        if (form.Key == "at-least")
        {
            if (EvalYaml.Integer(form.Value) is { } count && count >= 1 && count <= MaxTrials) return (EvalPassRule.AtLeastTrials((int)count), form.Value.Span);
            diagnostics.Malformed(form.Value.Span, $"'at-least' needs a whole number of trials (1 or more), not {Shown(form.Value)}");
            return null;
        }

        if (form.Key == "rate")
        {
            if (EvalYaml.Number(form.Value) is { } rate && rate > 0 && rate <= 1) return (EvalPassRule.AtRate(rate), form.Value.Span);
            diagnostics.Malformed(form.Value.Span, $"'rate' needs a fraction of trials above 0 and at most 1, e.g. 0.8, not {Shown(form.Value)}");
            return null;
        }

        diagnostics.Malformed(form.KeySpan, $"'pass-when' is {Forms}, not '{form.Key}'{EvalYaml.Hint(form.Key, PassWhenForms)}");
        return null;
    }

    private static void CheckReachable(EvalPassRule rule, SourceSpan span, int trials, EvalDiagnosticList diagnostics)
    {
        if (rule.Kind == EvalPassRuleKind.AtLeast && rule.AtLeast > trials)
        {
            diagnostics.Malformed(span, $"'at-least: {rule.AtLeast}' can never pass with {trials} trial{(trials == 1 ? "" : "s")}; raise 'trials' or lower 'at-least'");
        }
    }

    /// <summary>Reports keys that are not in <paramref name="known"/>; true when there was any.</summary>
    private static bool ReportUnknownKeys(YamlSourceNode mapping, string where, IReadOnlyList<string> known, EvalDiagnosticList diagnostics)
    {
        var any = false;
        foreach (var entry in mapping.Entries)
        {
            if (!known.Contains(entry.Key))
            {
                diagnostics.Malformed(entry.KeySpan, $"Unknown key '{entry.Key}' in {where} (expected {string.Join(", ", known)}){EvalYaml.Hint(entry.Key, known)}");
                any = true;
            }
        }

        return any;
    }

    private static string Shown(YamlSourceNode node) =>
        node.Kind == YamlSourceNodeKind.Scalar && !node.Value.IsNull ? PromptJson.Serialize(node.Value) : EvalYaml.Describe(node);

    /// <summary>A readable id from the case's first text input: "The export button does nothing" → "export-button".</summary>
    internal static string SuggestId(PromptValue input, int ordinal)
    {
        var stopWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "the", "a", "an", "i", "my", "is", "was", "to", "of", "and", "for", "in", "on", "it", "please", "how", "do", "does" };
        foreach (var property in input.Properties)
        {
            if (property.Value.Kind != PromptValueKind.String) continue;
            var words = property.Value.AsString.Split(new[] { ' ', '\t', '\n', '\r', ',', '.', '!', '?', ';', ':', '"', '\'', '(', ')' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
                .Where(w => w.Length > 0 && !stopWords.Contains(w))
                .Take(2)
                .ToList();
            if (words.Count > 0) return string.Join("-", words);
        }

        return "case-" + ordinal.ToString(CultureInfo.InvariantCulture);
    }
}
