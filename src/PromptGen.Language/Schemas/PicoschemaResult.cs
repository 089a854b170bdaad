using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Schemas;

/// <summary>A schema converted to JSON Schema, with where each part came from and what was wrong with it.</summary>
public sealed class PicoschemaResult
{
    internal PicoschemaResult(PromptValue? schema, IReadOnlyList<PromptDiagnostic> diagnostics, PointerSpanMap spans, bool isJsonSchema)
    {
        Schema = schema;
        Diagnostics = diagnostics;
        _spans = spans;
        IsJsonSchema = isJsonSchema;
    }

    /// <summary>
    /// The JSON Schema, or <c>null</c> when the input was falsy in JavaScript (the reference then leaves the value as written).
    /// When <see cref="Diagnostics"/> has errors the reference would have failed; this is then a best effort.
    /// </summary>
    public PromptValue? Schema { get; }

    /// <summary>PG0101–PG0104 diagnostics.</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    /// <summary>
    /// Source location of parts of <see cref="Schema"/>, keyed by JSON Pointer (<c>""</c> for the root,
    /// <c>/properties/tags/items</c>...). Fields written in Picoschema point at their key (<c>tags(array)</c>).
    /// </summary>
    public IReadOnlyDictionary<string, SourceSpan> Spans => _spans;

    private readonly PointerSpanMap _spans;

    /// <summary>True when the input was detected as JSON Schema and passed through.</summary>
    public bool IsJsonSchema { get; }

    /// <summary>The span recorded for <paramref name="pointer"/> or for its nearest ancestor that has one.</summary>
    public bool TryGetSpan(string pointer, out SourceSpan span) => SchemaPointer.TryFindNearest(Spans, pointer, out span);

    /// <summary>The map's own instance of <paramref name="pointer"/> when the schema has a location there, else <paramref name="pointer"/>.</summary>
    internal string SharePointer(string pointer) => _spans.Share(pointer);
}
