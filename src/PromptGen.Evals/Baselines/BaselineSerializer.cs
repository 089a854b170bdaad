using System.Text.Json;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Baselines;

/// <summary>
/// The baseline file format: JSON with two-space indentation, keys in ordinal order, "\n" line ends, a trailing
/// newline, integers only (so number formatting cannot vary), cases keyed by id:
/// <code>
/// {
///   "cases": {
///     "double-charge": {
///       "assertions": [ { "description": "category equals billing", "gating": true, "kind": "equals", "passed": 3 } ],
///       "passed": true,
///       "passedTrials": 3,
///       "trials": 3
///     }
///   },
///   "format": 1,
///   "prompt": "TriageTicket"
/// }
/// </code>
/// Assertions stay in eval-file order (an array), everything else is sorted.
/// </summary>
public static class BaselineSerializer
{
    private const int MaxDepth = 16;

    public static string Serialize(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var cases = baseline.Cases
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new KeyValuePair<string, PromptValue>(c.Key, CaseValue(c.Value)));
        var root = PromptValue.Object(
            ("cases", PromptValue.Object(cases)),
            ("format", PromptValue.Number(baseline.Format)),
            ("prompt", PromptValue.String(baseline.Prompt)));
        return PromptJson.Serialize(root, indent: 2, sortKeys: true) + "\n";
    }

    private static PromptValue CaseValue(BaselineCase c) =>
        PromptValue.Object(
            ("assertions", PromptValue.Array(c.Assertions.Select(a => PromptValue.Object(
                ("description", PromptValue.String(a.Description)),
                ("gating", PromptValue.Boolean(a.Gating)),
                ("kind", PromptValue.String(a.Kind)),
                ("passed", PromptValue.Number(a.Passed)))))),
            ("passed", PromptValue.Boolean(c.Passed)),
            ("passedTrials", PromptValue.Number(c.PassedTrials)),
            ("trials", PromptValue.Number(c.Trials)));

    /// <summary>Reads a baseline; <paramref name="path"/> is only used in error messages.</summary>
    /// <exception cref="BaselineFormatException">The text is not valid JSON or not a baseline, with the line and column.</exception>
    public static Baseline Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = PositionedJson.Parse(text, path, MaxDepth);
        var reader = new Reader(path);
        var rootObject = reader.Object(root, "the file");

        var format = reader.Integer(reader.Required(rootObject, root, "format"), "format");
        if (format < 1 || format > Baseline.CurrentFormat)
        {
            var node = reader.Required(rootObject, root, "format");
            throw reader.Error(node, $"format {format} is not supported (this version reads format {Baseline.CurrentFormat}); update PromptGen.");
        }

        var prompt = rootObject.TryGetValue("prompt", out var promptNode) ? reader.String(promptNode, "prompt") : string.Empty;
        var casesNode = reader.Required(rootObject, root, "cases");
        var cases = new SortedDictionary<string, BaselineCase>(StringComparer.Ordinal);
        foreach (var entry in reader.Object(casesNode, "cases"))
        {
            if (entry.Key.Length == 0) throw reader.Error(entry.Value, "a case id is empty.");
            cases[entry.Key] = ReadCase(reader, entry.Key, entry.Value);
        }

        return new Baseline { Format = format, Prompt = prompt, Cases = cases };
    }

    private static BaselineCase ReadCase(Reader reader, string id, PositionedJson node)
    {
        var what = $"case '{id}'";
        var properties = reader.Object(node, what);
        var trialsNode = reader.Required(properties, node, "trials", what);
        var trials = reader.Integer(trialsNode, $"{what}: trials");
        if (trials < 1) throw reader.Error(trialsNode, $"{what}: trials must be at least 1.");
        var passedTrialsNode = reader.Required(properties, node, "passedTrials", what);
        var passedTrials = reader.Integer(passedTrialsNode, $"{what}: passedTrials");
        if (passedTrials < 0 || passedTrials > trials) throw reader.Error(passedTrialsNode, $"{what}: passedTrials must be between 0 and trials ({trials}).");
        var passed = reader.Boolean(reader.Required(properties, node, "passed", what), $"{what}: passed");

        var assertions = new List<BaselineAssertion>();
        if (properties.TryGetValue("assertions", out var assertionsNode))
        {
            if (assertionsNode.Kind != JsonValueKind.Array) throw reader.Error(assertionsNode, $"{what}: assertions must be an array.");
            foreach (var item in assertionsNode.Items)
            {
                var a = reader.Object(item, $"{what}: an assertion");
                var count = reader.Integer(reader.Required(a, item, "passed", $"{what}: an assertion"), $"{what}: assertion passed");
                if (count < 0 || count > trials) throw reader.Error(item, $"{what}: an assertion's passed count must be between 0 and trials ({trials}).");
                assertions.Add(new BaselineAssertion(
                    reader.String(reader.Required(a, item, "kind", $"{what}: an assertion"), $"{what}: assertion kind"),
                    reader.String(reader.Required(a, item, "description", $"{what}: an assertion"), $"{what}: assertion description"),
                    !a.TryGetValue("gating", out var gating) || reader.Boolean(gating, $"{what}: assertion gating"),
                    count));
            }
        }

        return new BaselineCase { Trials = trials, PassedTrials = passedTrials, Passed = passed, Assertions = assertions };
    }

    /// <summary>Typed access to positioned JSON with located errors.</summary>
    private sealed class Reader
    {
        private readonly string _path;

        public Reader(string path) => _path = path;

        public BaselineFormatException Error(PositionedJson node, string reason) => new(_path, node.Line, node.Column, reason);

        public IReadOnlyDictionary<string, PositionedJson> Object(PositionedJson node, string what)
        {
            if (node.Kind != JsonValueKind.Object) throw Error(node, $"{what} must be a JSON object.");
            return node.Properties;
        }

        public PositionedJson Required(IReadOnlyDictionary<string, PositionedJson> properties, PositionedJson owner, string key, string? what = null) =>
            properties.TryGetValue(key, out var value)
                ? value
                : throw Error(owner, $"{(what is null ? string.Empty : what + ": ")}missing \"{key}\".");

        public int Integer(PositionedJson node, string what)
        {
            if (node.Kind != JsonValueKind.Number || !int.TryParse(node.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                throw Error(node, $"{what} must be an integer.");
            }

            return value;
        }

        public bool Boolean(PositionedJson node, string what) => node.Kind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(node, $"{what} must be true or false."),
        };

        public string String(PositionedJson node, string what) =>
            node.Kind == JsonValueKind.String ? node.Text : throw Error(node, $"{what} must be a string.");
    }
}
