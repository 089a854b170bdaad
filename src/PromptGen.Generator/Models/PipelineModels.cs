using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;

namespace PromptGen.Generator.Models;

/// <summary>
/// Output of the parse step: the file's syntax, read once. Compared by what it was built from (path, text, item
/// metadata), since the syntax is a pure function of those: an unchanged file stays cached.
/// </summary>
internal sealed class ParsedPrompt : IEquatable<ParsedPrompt>
{
    public ParsedPrompt(PromptFileInput file, ParsedPromptFile? syntax, DiagnosticInfo? failure)
    {
        File = file;
        Syntax = syntax;
        Failure = failure;
    }

    public PromptFileInput File { get; }

    /// <summary>The syntax; null only when parsing itself failed (<see cref="Failure"/>, PG9999).</summary>
    public ParsedPromptFile? Syntax { get; }

    public DiagnosticInfo? Failure { get; }

    /// <summary>The partials the template names directly.</summary>
    public EquatableArray<string> ReferencedPartials => Syntax?.ReferencedPartials ?? EquatableArray<string>.Empty;

    public bool Equals(ParsedPrompt? other) => other is not null && File.Equals(other.File);

    public override bool Equals(object? obj) => obj is ParsedPrompt other && Equals(other);

    public override int GetHashCode() => File.GetHashCode();
}

/// <summary>
/// A prompt's semantics (<see cref="PromptSemantics"/>: normalized schemas, bound template, diagnostics), built with
/// the partials it reaches. Compared by its inputs (the file and those partials), so editing an unrelated partial or a
/// C# file leaves it cached.
/// </summary>
internal sealed class AnalyzedPrompt : IEquatable<AnalyzedPrompt>
{
    public AnalyzedPrompt(ParsedPrompt parsed, EquatableArray<PartialSource> partials, PromptSemantics? semantics, EquatableArray<DiagnosticInfo> diagnostics)
    {
        Parsed = parsed;
        Partials = partials;
        Semantics = semantics;
        Diagnostics = diagnostics;
    }

    public ParsedPrompt Parsed { get; }

    public EquatableArray<PartialSource> Partials { get; }

    /// <summary>Null when the file could not be parsed or analyzed (PG9999 in <see cref="Diagnostics"/>).</summary>
    public PromptSemantics? Semantics { get; }

    /// <summary>Every diagnostic of the prompt file (and type errors it causes in partials).</summary>
    public EquatableArray<DiagnosticInfo> Diagnostics { get; }

    public string Path => Parsed.File.Path;

    public bool Equals(AnalyzedPrompt? other) => other is not null && Parsed.Equals(other.Parsed) && Partials.Equals(other.Partials);

    public override bool Equals(object? obj) => obj is AnalyzedPrompt other && Equals(other);

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
