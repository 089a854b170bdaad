namespace PromptGen.Generator.Models;

/// <summary>Where a part of the input or output schema is written in the <c>.prompt</c> file.</summary>
/// <param name="Section"><c>input</c> or <c>output</c>.</param>
/// <param name="Pointer">JSON Pointer into the converted JSON Schema (<c>""</c>, <c>/properties/tags/items</c>...).</param>
/// <param name="Location">The span of that part (a Picoschema field points at its key).</param>
internal sealed record SchemaLocation(string Section, string Pointer, LocationInfo Location);

/// <summary>Where the value of a frontmatter <c>config</c> key is written.</summary>
internal sealed record ConfigLocation(string Key, LocationInfo Location);
