using PromptGen.Language.Values;

namespace PromptGen.Generator.Models;

/// <summary>
/// What the generator needs from a parsed <c>.prompt</c> file: the result of the swappable "parse the file" step
/// (<see cref="Parsing.PromptFileParser"/>). Schemas are JSON Schema (Picoschema already converted).
/// </summary>
internal sealed record PromptDocumentModel
{
    public string Path { get; init; } = string.Empty;

    /// <summary>The whole file, so later steps can locate template positions in it.</summary>
    public string FileText { get; init; } = string.Empty;

    /// <summary>Frontmatter <c>name</c>; null when absent (the file name is used then).</summary>
    public string? Name { get; init; }

    public LocationInfo? NameLocation { get; init; }

    public string? Description { get; init; }

    public string? Model { get; init; }

    /// <summary>Frontmatter <c>config</c> object, or null.</summary>
    public PromptValue? Config { get; init; }

    public LocationInfo? ConfigLocation { get; init; }

    public PromptValue? InputSchema { get; init; }

    public LocationInfo? InputSchemaLocation { get; init; }

    /// <summary>Frontmatter <c>input.default</c>: values for input fields the caller leaves out, or null.</summary>
    public PromptValue? InputDefault { get; init; }

    public PromptValue? OutputSchema { get; init; }

    public LocationInfo? OutputSchemaLocation { get; init; }

    /// <summary><c>output.format</c>: <c>json</c>, <c>text</c>, ... or null.</summary>
    public string? OutputFormat { get; init; }

    /// <summary>The <c>csharp.class</c> extension key.</summary>
    public string? ClassOverride { get; init; }

    public LocationInfo? ClassOverrideLocation { get; init; }

    /// <summary>The <c>csharp.namespace</c> extension key.</summary>
    public string? NamespaceOverride { get; init; }

    /// <summary>The <c>csharp.integer</c> extension key: <c>long</c> or <c>int</c>.</summary>
    public string? IntegerType { get; init; }

    /// <summary>The Handlebars body.</summary>
    public string Template { get; init; } = string.Empty;

    /// <summary>Offset of the body in the file, to locate template diagnostics.</summary>
    public int TemplateOffset { get; init; }

    /// <summary>Partial names the template includes directly (<c>{{&gt; name}}</c>), sorted.</summary>
    public EquatableArray<string> ReferencedPartials { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Where parts of the schemas are written, to place schema diagnostics on the exact field.</summary>
    public EquatableArray<SchemaLocation> SchemaLocations { get; init; } = EquatableArray<SchemaLocation>.Empty;

    /// <summary>Where each <c>config</c> value is written.</summary>
    public EquatableArray<ConfigLocation> ConfigLocations { get; init; } = EquatableArray<ConfigLocation>.Empty;

    public EquatableArray<DiagnosticInfo> Diagnostics { get; init; } = EquatableArray<DiagnosticInfo>.Empty;

    /// <summary>True when the file could not be read far enough to generate code for it.</summary>
    public bool HasFatalErrors { get; init; }
}
