namespace PromptGen.Generator.Models;

/// <summary>Output of the parse step: the document plus the item metadata that came with the file.</summary>
internal sealed record ParsedPrompt(PromptDocumentModel Document, PromptItemOptions ItemOptions);

/// <summary>Output of the naming step. <see cref="Identity"/> is null only when naming itself failed (PG9999).</summary>
internal sealed record NamedPrompt(
    PromptDocumentModel Document,
    PromptIdentity? Identity,
    ProjectOptions ProjectOptions,
    EquatableArray<DiagnosticInfo> NamingDiagnostics);

/// <summary>A partial (<c>_name.prompt</c>): its name and whole source.</summary>
internal sealed record PartialSource(string Name, string Text);
