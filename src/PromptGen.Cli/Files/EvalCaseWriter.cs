using PromptGen.Cli.Arguments;
using PromptGen.Cli.Cases;
using PromptGen.Evals.Files;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Files;

/// <summary>
/// Adds the case <c>promptgen run --save-case</c> saves to an eval file, the way <c>promptgen cases import</c> adds
/// its cases: the same item lines (<see cref="CaseYaml"/>), inserted where the YAML reader says the <c>cases</c>
/// sequence ends (<see cref="EvalFileAppender"/>, so comments, order and line endings stay as written), and written only
/// when the new text reads back as the old cases plus the new one.
/// </summary>
internal static class EvalCaseWriter
{
    /// <summary>
    /// Before the model is called: a usage error when the eval file already has a case with this id, is not valid YAML,
    /// or writes <c>cases</c> in a form a case cannot be added to.
    /// </summary>
    public static void CheckCanAdd(PromptProject project, string evalPath, string id)
    {
        if (!File.Exists(evalPath)) return;
        var (file, _, _) = project.LoadEval(evalPath);
        if (file.Cases.Any(c => string.Equals(c.Id, id, StringComparison.Ordinal)))
            throw new UsageException($"'{evalPath}' already has a case '{id}'; choose another id");
        if (file.Diagnostics.FirstOrDefault(d => d.Id == DiagnosticDescriptors.InvalidYaml.Id) is { } invalid)
            throw new UsageException($"cannot add a case to '{evalPath}' ({invalid.Line},{invalid.Column}): {invalid.Message} Fix the file first");
        try
        {
            EvalFileAppender.Append(ReadText(evalPath), Array.Empty<List<string>>());
        }
        catch (FormatException exception)
        {
            throw new UsageException($"cannot add a case to '{evalPath}': {exception.Message}");
        }
    }

    /// <summary>
    /// Appends the case <paramref name="id"/> with <paramref name="input"/>, creating the file when missing; written
    /// atomically. A case needs an assertion: <c>schema-valid</c> for a prompt with an output schema, else a reported
    /// latency check; a comment asks for the assertions that say what a good answer is.
    /// </summary>
    /// <exception cref="InvalidOperationException">The new text would not read back as the old cases plus this one: nothing was written.</exception>
    public static void Append(string evalPath, string promptFileName, string id, PromptValue input, bool hasOutputSchema, PromptContext context)
    {
        var lines = new List<string>
        {
            "- id: " + CaseYaml.QuotedString(id),
            "  input: " + CaseYaml.Flow(input),
            hasOutputSchema ? "  assert:" : "  check:",
            hasOutputSchema
                ? "    - schema-valid  # saved by promptgen run: add what a good answer must contain"
                : "    - { latency: { max-ms: 60000 } }  # saved by promptgen run: add what a good answer must contain",
        };
        var oldText = File.Exists(evalPath) ? ReadText(evalPath) : $"prompt: {promptFileName}\n";
        var newText = EvalFileAppender.Append(oldText, new[] { lines });
        CaseImport.RequireReadBack(evalPath, EvalFileParser.Parse(evalPath, oldText), newText, new[] { (id, InputHash.Of(input)) }, context);
        AtomicFile.WriteText(evalPath, newText);
    }

    // Read as `promptgen cases import` reads it, so both commands write the same text for the same file.
    private static string ReadText(string evalPath) => BoundedFile.ReadAllText(evalPath);
}
