using PromptGen.Language.Text;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Schemas;

/// <summary>Inputs to <see cref="Picoschema.Convert"/> besides the schema itself.</summary>
public sealed class PicoschemaOptions
{
    /// <summary>Named schemas; without it every non-scalar type name is PG0101.</summary>
    public ISchemaResolver? Schemas { get; set; }

    /// <summary>Where the schema was written (its YAML node), so diagnostics and <see cref="PicoschemaResult.Spans"/> point into the file.</summary>
    public YamlSourceNode? Source { get; set; }

    /// <summary>File path used in diagnostics.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Location used for diagnostics when <see cref="Source"/> is absent (e.g. a schema supplied by the caller).</summary>
    public SourceSpan FallbackSpan { get; set; }

    /// <summary>Words naming the schema in messages, e.g. <c>output.schema</c>.</summary>
    public string Label { get; set; } = "schema";
}
