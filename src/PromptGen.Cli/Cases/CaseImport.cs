using System.Globalization;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;

namespace PromptGen.Cli.Cases;

/// <summary>
/// What <c>cases import</c> decided: the eval file's new text (null when nothing is imported), why calls were left out,
/// and, when the eval file cannot be imported into at all (not valid YAML, <c>cases</c> not a block sequence), why.
/// </summary>
internal sealed record CaseImportPlan(
    string? NewText,
    IReadOnlyList<(CapturedCall Call, string Id)> Imported,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Drift,
    int Duplicates,
    IReadOnlyList<string>? Refused = null);

/// <summary>
/// The part of <c>promptgen cases import</c> that touches no file: which of the captured calls (already filtered and
/// ordered) become cases, and the eval file's text with them appended. Calls without an answer are warnings, inputs
/// already covered are skipped, inputs that no longer fit the prompt are PG0502 errors at their capture line.
/// </summary>
internal static class CaseImport
{
    /// <exception cref="InvalidOperationException">The new text would not read back as the old cases plus the imported ones, or would have more errors than the old: nothing may be written.</exception>
    public static CaseImportPlan Plan(string evalPath, string evalText, IEnumerable<CapturedCall> calls, PromptContext context, SchemaNode? output, int take)
    {
        var evalFile = EvalFileParser.Parse(evalPath, evalText);

        // Where the cases end is what the YAML reader says: in a file it cannot read, the user fixes the file first.
        var invalid = evalFile.Diagnostics.Where(d => d.Id == DiagnosticDescriptors.InvalidYaml.Id).ToList();
        if (invalid.Count > 0)
        {
            var refused = invalid.Select(d => $"{d.Path}({d.Line},{d.Column}): error {d.Id}: {d.Message}").ToList();
            return new CaseImportPlan(null, Array.Empty<(CapturedCall, string)>(), Array.Empty<string>(), Array.Empty<string>(), 0, refused);
        }

        var known = new HashSet<string>(evalFile.Cases.Select(c => InputHash.Of(c.Input)), StringComparer.Ordinal);
        var ids = new HashSet<string>(evalFile.Cases.Select(c => c.Id ?? string.Empty), StringComparer.Ordinal);
        var warnings = new List<string>();
        var drift = new List<string>();
        var imported = new List<(CapturedCall Call, string Id, string InputHash, List<string> Lines)>();
        var duplicates = 0;
        foreach (var call in calls)
        {
            if (imported.Count >= take) break;
            if (call.Output is null)
            {
                warnings.Add($"{call.File}({call.Line},1): warning: call {call.CallId} has no answer (the model call failed); skipped");
                continue;
            }

            var inputHash = InputHash.Of(call.Input);
            if (!known.Add(inputHash))
            {
                duplicates++;
                continue;
            }

            var probe = EvalFileParser.Parse(evalPath, "cases:\n  - id: probe\n    input: " + CaseYaml.Flow(call.Input) + "\n");
            var mismatches = InputMismatches(probe, context);
            if (mismatches.Count > 0)
            {
                drift.AddRange(mismatches.Select(m => $"{call.File}({call.Line},1): error PG0502: {m} (call {call.CallId}, prompt version {call.Version})"));
                continue;
            }

            if (probe.Cases.Count != 1 || InputHash.Of(probe.Cases[0].Input) != inputHash)
            {
                warnings.Add($"{call.File}({call.Line},1): warning: call {call.CallId}: its input does not read back the same once written as an eval case; skipped");
                continue;
            }

            var id = NewId(call, ids);
            imported.Add((call, id, inputHash, CaseYaml.Write(id, call, output)));
        }

        string? newText = null;
        if (imported.Count > 0)
        {
            try
            {
                newText = EvalFileAppender.Append(evalText, imported.Select(i => i.Lines).ToList());
            }
            catch (FormatException exception)
            {
                return new CaseImportPlan(null, Array.Empty<(CapturedCall, string)>(), warnings, drift, duplicates, new[] { $"{evalPath}: error: {exception.Message}" });
            }

            RequireReadBack(evalPath, evalFile, newText, imported.Select(i => (i.Id, i.InputHash)), context);
        }

        return new CaseImportPlan(newText, imported.Select(i => (i.Call, i.Id)).ToList(), warnings, drift, duplicates);
    }

    /// <summary>PG0502 messages for the captured input (in a one-case probe file), from the same checker the build runs on eval files.</summary>
    private static List<string> InputMismatches(EvalFile probe, PromptContext context) =>
        EvalChecker.Check(probe, context)
            .Where(d => d.Id == DiagnosticDescriptors.EvalInputMismatch.Id)
            .Select(d => d.Message)
            .ToList();

    /// <summary>
    /// The new text must read back as the old cases plus the imported ones, each once with its input, and with no error
    /// the old text did not have: a defect here must never leave a broken or shortened eval file behind.
    /// </summary>
    internal static void RequireReadBack(string evalPath, EvalFile old, string newText, IEnumerable<(string Id, string InputHash)> imported, PromptContext context)
    {
        var updated = EvalFileParser.Parse(evalPath, newText);
        var expected = old.Cases.Select(c => (Id: c.Id ?? string.Empty, Hash: InputHash.Of(c.Input)))
            .Concat(imported.Select(i => (i.Id, Hash: i.InputHash)))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ThenBy(c => c.Hash, StringComparer.Ordinal);
        var actual = updated.Cases.Select(c => (Id: c.Id ?? string.Empty, Hash: InputHash.Of(c.Input)))
            .OrderBy(c => c.Id, StringComparer.Ordinal).ThenBy(c => c.Hash, StringComparer.Ordinal);
        var errorsBefore = EvalChecker.Check(old, context).Count(d => d.Severity == PromptDiagnosticSeverity.Error);
        var errorsAfter = EvalChecker.Check(updated, context).Where(d => d.Severity == PromptDiagnosticSeverity.Error).ToList();
        if (expected.SequenceEqual(actual) && errorsAfter.Count <= errorsBefore) return;
        throw new InvalidOperationException(
            "the new cases would not read back from the eval file as written; the eval file was not changed" +
            (errorsAfter.Count > 0 ? ":\n" + string.Concat(errorsAfter.Select(d => $"{d.Path}({d.Line},{d.Column}): error {d.Id}: {d.Message}\n")) : "."));
    }

    private static string NewId(CapturedCall call, HashSet<string> ids)
    {
        var stem = "captured-" + new string(call.CallId.Where(char.IsLetterOrDigit).Take(8).ToArray()).ToLowerInvariant();
        var id = stem;
        for (var n = 2; !ids.Add(id); n++) id = stem + "-" + n.ToString(CultureInfo.InvariantCulture);
        return id;
    }
}
