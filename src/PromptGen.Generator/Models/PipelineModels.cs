namespace PromptGen.Generator.Models;

/// <summary>Output of the parse step: the document plus the item metadata that came with the file.</summary>
internal sealed record ParsedPrompt(PromptDocumentModel Document, PromptItemOptions ItemOptions);

/// <summary>
/// A parsed prompt with the partials it reaches and the template diagnostics found with them (PG0202, PG0205..PG0208).
/// Only diagnostics located in the prompt file itself are kept: a partial's own problems are reported once, on the partial.
/// </summary>
internal sealed record AnalyzedPrompt(ParsedPrompt Parsed, EquatableArray<PartialSource> Partials);

/// <summary>Output of the naming step. <see cref="Identity"/> is null only when naming itself failed (PG9999).</summary>
internal sealed record NamedPrompt(
    PromptDocumentModel Document,
    EquatableArray<PartialSource> Partials,
    PromptIdentity? Identity,
    ProjectOptions ProjectOptions,
    EquatableArray<DiagnosticInfo> NamingDiagnostics);

/// <summary>Diagnostics located in one partial file.</summary>
internal sealed record PartialReport(EquatableArray<DiagnosticInfo> Diagnostics);
