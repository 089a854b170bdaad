using System.Text.RegularExpressions;
using PromptGen.Cli.Arguments;
using PromptGen.Evals.Files;
using PromptGen.Language.Semantics;

namespace PromptGen.Cli.Files;

/// <summary>
/// Adds a case to an eval file by inserting text at the end of its <c>cases:</c> list, so that everything else (comments,
/// order, formatting) stays as written. The case id and input are written as JSON, which YAML reads as it is.
/// </summary>
internal static class EvalCaseWriter
{
    private static readonly Regex s_casesKey = new(@"^cases:\s*(#.*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex s_emptyCases = new(@"^cases:\s*\[\s*\]\s*(#.*)?$", RegexOptions.CultureInvariant);
    private static readonly Regex s_item = new(@"^(\s*)-\s", RegexOptions.CultureInvariant);

    /// <summary>Fails (a usage error) when the eval file already has a case with this id.</summary>
    public static void EnsureNewId(PromptProject project, string evalPath, string id)
    {
        if (!File.Exists(evalPath)) return;
        var (file, _, _) = project.LoadEval(evalPath);
        if (file.Cases.Any(c => string.Equals(c.Id, id, StringComparison.Ordinal)))
            throw new UsageException($"'{evalPath}' already has a case '{id}'; choose another id");
    }

    /// <summary>
    /// Appends the case <paramref name="id"/> with <paramref name="inputJson"/>, creating the file when missing; written
    /// atomically. A case needs an assertion: <c>schema-valid</c> for a prompt with an output schema, else a reported
    /// latency check; a comment asks for the assertions that say what a good answer is.
    /// </summary>
    public static void Append(string evalPath, string promptFileName, string id, string inputJson, bool hasOutputSchema)
    {
        var quotedId = System.Text.Json.JsonSerializer.Serialize(id);
        List<string> Item(string indent) => new()
        {
            $"{indent}- id: {quotedId}",
            $"{indent}  input: {inputJson}",
            hasOutputSchema ? $"{indent}  assert:" : $"{indent}  check:",
            hasOutputSchema
                ? $"{indent}    - schema-valid  # saved by promptgen run: add what a good answer must contain"
                : $"{indent}    - {{ latency: {{ max-ms: 60000 }} }}  # saved by promptgen run: add what a good answer must contain",
        };
        if (!File.Exists(evalPath))
        {
            AtomicFile.WriteText(evalPath, $"prompt: {promptFileName}\ncases:\n" + string.Join("\n", Item("  ")) + "\n");
            return;
        }

        var text = File.ReadAllText(evalPath);
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[lines.Count - 1].Length == 0) lines.RemoveAt(lines.Count - 1);

        var casesLine = lines.FindIndex(l => s_casesKey.IsMatch(l) || s_emptyCases.IsMatch(l));
        if (casesLine < 0)
        {
            lines.Add("cases:");
            lines.AddRange(Item("  "));
        }
        else if (s_emptyCases.IsMatch(lines[casesLine]))
        {
            lines[casesLine] = "cases:";
            lines.InsertRange(casesLine + 1, Item("  "));
        }
        else
        {
            // The list runs until the next top-level key; the case goes after its last item line.
            var end = casesLine + 1;
            var lastItemLine = casesLine;
            string? indent = null;
            for (; end < lines.Count; end++)
            {
                var line = lines[end];
                if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '#' && line[0] != '-') break;
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
                lastItemLine = end;
                if (indent is null && s_item.Match(line) is { Success: true } item) indent = item.Groups[1].Value;
            }

            lines.InsertRange(lastItemLine + 1, Item(indent ?? "  "));
        }

        AtomicFile.WriteText(evalPath, string.Join(newline, lines) + newline);
    }
}
