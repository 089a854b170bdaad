using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;

namespace PromptGen.Generator.Models;

/// <summary>
/// Output of the parse step: the file's syntax, read once. Compared by what it was built from (path, text, item
/// metadata), since the syntax is a pure function of those: an unchanged file stays cached.
/// </summary>
/// <param name="File">The file as the build gave it.</param>
/// <param name="Syntax">The syntax; null only when parsing itself failed (<see cref="Failure"/>, PG9999).</param>
/// <param name="Failure">Why parsing failed (PG9999), or null.</param>
internal sealed record ParsedPrompt(PromptFileInput File, ParsedPromptFile? Syntax, DiagnosticInfo? Failure)
{
    /// <summary>The partials the template names directly.</summary>
    public EquatableArray<string> ReferencedPartials => Syntax?.ReferencedPartials ?? EquatableArray<string>.Empty;

    public bool Equals(ParsedPrompt? other) => other is not null && File.Equals(other.File);

    public override int GetHashCode() => File.GetHashCode();
}

/// <summary>
/// A prompt's semantics (<see cref="PromptSemantics"/>: normalized schemas, bound template, diagnostics), built with
/// the partials it reaches. Compared by its inputs (the file and those partials), so editing an unrelated partial or a
/// C# file leaves it cached.
/// </summary>
/// <param name="Parsed">The parse step's output.</param>
/// <param name="Partials">The partials the prompt reaches.</param>
/// <param name="Semantics">Null when the file could not be parsed or analyzed (PG9999 in <see cref="Diagnostics"/>).</param>
/// <param name="Diagnostics">Every diagnostic of the prompt file (and type errors it causes in partials).</param>
internal sealed record AnalyzedPrompt(ParsedPrompt Parsed, EquatableArray<PartialSource> Partials, PromptSemantics? Semantics, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public string Path => Parsed.File.Path;

    public bool Equals(AnalyzedPrompt? other) => other is not null && Parsed.Equals(other.Parsed) && Partials.Equals(other.Partials);

    public override int GetHashCode() => unchecked((Parsed.GetHashCode() * 397) ^ Partials.GetHashCode());
}

/// <summary>Output of the naming step. <see cref="Identity"/> is null only when naming itself failed (PG9999).</summary>
internal sealed record NamedPrompt(
    AnalyzedPrompt Analyzed,
    PromptIdentity? Identity,
    ProjectOptions ProjectOptions,
    EquatableArray<DiagnosticInfo> NamingDiagnostics);

/// <summary>Diagnostics located in one partial file.</summary>
internal sealed record PartialReport(EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>What an eval file needs from the prompt it tests, keyed by the prompt's path.</summary>
internal sealed record PromptEvalContext(string Path, PromptContext? Context);

/// <summary>An eval file (additional file <c>*.eval.yaml</c>) with the prompt it names, if any.</summary>
internal sealed record EvalFileInput(string Path, string Text, string? PromptOverride);
