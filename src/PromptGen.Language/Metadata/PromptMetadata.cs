using System.Globalization;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Schemas;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Metadata;

/// <summary>
/// A prompt's metadata as the Dotprompt reference runtime resolves it (its <c>renderMetadata</c>): frontmatter
/// (optionally merged with caller options), <c>ext</c> from dotted keys, tools resolved, and <c>input.schema</c> /
/// <c>output.schema</c> converted from Picoschema to JSON Schema. Also knows where each part is written in the file.
/// </summary>
public sealed class PromptMetadata
{
    private readonly PromptValue _value;
    private readonly HashSet<string> _overridden;
    private readonly LineMap? _lines;
    private readonly ISchemaResolver? _schemas;
    private readonly IToolResolver? _tools;

    internal PromptMetadata(
        string path,
        PromptValue parsed,
        PromptValue value,
        YamlSourceNode? frontmatter,
        HashSet<string> overridden,
        PicoschemaResult? inputSchemaConversion,
        PicoschemaResult? outputSchemaConversion,
        IReadOnlyList<PromptDiagnostic> diagnostics,
        LineMap? lines,
        ISchemaResolver? schemas,
        IToolResolver? tools)
    {
        Path = path;
        Parsed = parsed;
        _value = value;
        Frontmatter = frontmatter;
        _overridden = overridden;
        InputSchemaConversion = inputSchemaConversion;
        OutputSchemaConversion = outputSchemaConversion;
        Diagnostics = diagnostics;
        _lines = lines;
        _schemas = schemas;
        _tools = tools;
    }

    /// <summary>The file the metadata was read from (used in diagnostics).</summary>
    public string Path { get; }

    /// <summary>
    /// The metadata as parsed from the file, before merging and schema conversion: the reference's parsed prompt minus
    /// <c>template</c> (<c>ext</c>, <c>metadata</c>, <c>config</c>, the reserved keys as written, <c>raw</c>).
    /// </summary>
    public PromptValue Parsed { get; }

    /// <summary>The frontmatter's root YAML node with positions; <c>null</c> without (valid) frontmatter.</summary>
    public YamlSourceNode? Frontmatter { get; }

    /// <summary>Diagnostics from schema conversion (PG0101–PG0104).</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    /// <summary>The input schema conversion (JSON Schema plus source spans), when there was an input schema.</summary>
    public PicoschemaResult? InputSchemaConversion { get; }

    /// <summary>The output schema conversion (JSON Schema plus source spans), when there was an output schema.</summary>
    public PicoschemaResult? OutputSchemaConversion { get; }

    public string? Name => StringOf("name");

    public string? Variant => StringOf("variant");

    /// <summary>The version as text (a YAML number such as <c>2</c> is formatted as JavaScript would).</summary>
    public string? Version => _value["version"] is { Kind: PromptValueKind.Number } number ? JsNumber.ToString(number.AsNumber) : StringOf("version");

    public string? Description => StringOf("description");

    public string? Model => StringOf("model");

    /// <summary>Model configuration (<c>temperature</c>, <c>maxOutputTokens</c>...); an empty object when absent.</summary>
    public PromptValue Config => ObjectOf("config");

    /// <summary>The <c>input</c> section as resolved (<c>schema</c> converted), or <c>null</c>.</summary>
    public PromptValue? Input => _value["input"];

    /// <summary>The input JSON Schema (after Picoschema conversion), or <c>null</c>.</summary>
    public PromptValue? InputSchema => Input?["schema"];

    /// <summary><c>input.default</c>: default input values, or <c>null</c>.</summary>
    public PromptValue? InputDefault => Input?["default"];

    /// <summary>The <c>output</c> section as resolved (<c>schema</c> converted), or <c>null</c>.</summary>
    public PromptValue? Output => _value["output"];

    /// <summary><c>output.format</c> when it is a string (e.g. <c>json</c>, <c>text</c>).</summary>
    public string? OutputFormat => Output?["format"] is { Kind: PromptValueKind.String } format ? format.AsString : null;

    /// <summary>The output JSON Schema (after Picoschema conversion), or <c>null</c>.</summary>
    public PromptValue? OutputSchema => Output?["schema"];

    /// <summary>Tool names not resolved into <see cref="ToolDefs"/> (string entries only).</summary>
    public IReadOnlyList<string> Tools => (_value["tools"]?.Items ?? Array.Empty<PromptValue>()).Where(t => t.Kind == PromptValueKind.String).Select(t => t.AsString).ToList();

    /// <summary>Tool definitions (from frontmatter <c>toolDefs</c> and resolved tools).</summary>
    public IReadOnlyList<PromptValue> ToolDefs => _value["toolDefs"]?.Items ?? Array.Empty<PromptValue>();

    /// <summary>The reference's <c>metadata</c> key: always empty from frontmatter, settable through caller options.</summary>
    public PromptValue Metadata => ObjectOf("metadata");

    /// <summary>Extension fields: <c>ext1.sub1.foo: baz</c> becomes <c>Ext["ext1.sub1"]["foo"]</c>.</summary>
    public PromptValue Ext => ObjectOf("ext");

    /// <summary>The whole frontmatter object as written, or <c>null</c> without (valid) frontmatter.</summary>
    public PromptValue? Raw => _value["raw"];

    /// <summary>The reference's metadata object (what <c>renderMetadata</c> returns, undefined fields omitted).</summary>
    public PromptValue ToValue() => _value;

    /// <summary>
    /// Merges caller options over a file's metadata as the reference does when rendering with options
    /// (top-level keys replace the file's, <c>config</c> merges key by key), then resolves schemas again.
    /// </summary>
    public static PromptMetadata Merge(PromptMetadata fileMetadata, PromptValue? callerOptions, ISchemaResolver? schemas) =>
        Merge(fileMetadata, callerOptions, schemas, fileMetadata?._tools);

    /// <inheritdoc cref="Merge(PromptMetadata, PromptValue?, ISchemaResolver?)"/>
    public static PromptMetadata Merge(PromptMetadata fileMetadata, PromptValue? callerOptions, ISchemaResolver? schemas, IToolResolver? tools)
    {
        if (fileMetadata is null) throw new ArgumentNullException(nameof(fileMetadata));
        return MetadataResolver.Resolve(fileMetadata.Path, fileMetadata.Parsed, callerOptions, fileMetadata.Frontmatter, fileMetadata._lines, schemas ?? fileMetadata._schemas, tools);
    }

    /// <summary>Metadata for a file without frontmatter.</summary>
    public static PromptMetadata Empty(string path) =>
        MetadataResolver.Resolve(path ?? string.Empty, ParsedMetadataBuilder.Base(), null, null, null, null, null);

    /// <summary>Resolves metadata from a frontmatter YAML tree (as <see cref="Documents.PromptDocumentParser"/> does).</summary>
    public static PromptMetadata FromFrontmatter(string path, YamlSourceNode? frontmatter, LineMap? lines, ISchemaResolver? schemas, IToolResolver? tools = null) =>
        MetadataResolver.Resolve(path ?? string.Empty, ParsedMetadataBuilder.Build(frontmatter?.Value), null, frontmatter, lines, schemas, tools);

    /// <summary>
    /// Where a dotted path is written in the file: <c>config.temperature</c>, <c>input.default.name</c>,
    /// <c>ext1.sub1.foo</c> (or <c>ext.ext1.sub1.foo</c>), and schema fields by property name such as
    /// <c>input.schema.address.city</c> or <c>output.schema.tags</c>. Returns the value's span (for schema fields the
    /// key's), or <c>null</c> when the path is not written in the file (absent, or replaced by caller options).
    /// </summary>
    public SourceSpan? GetSpan(string path) => Locate(path, key: false);

    /// <summary>Like <see cref="GetSpan"/> but returns the span of the key (<c>temperature</c> in <c>temperature: 3</c>).</summary>
    public SourceSpan? GetKeySpan(string path) => Locate(path, key: true);

    /// <summary>
    /// Where a field of the input or output schema is declared, following properties, array items and wildcards of the
    /// converted schema (<paramref name="section"/> is <c>input</c> or <c>output</c>). Falls back to the nearest
    /// enclosing part that is written in the file.
    /// </summary>
    public SourceSpan? GetSchemaFieldSpan(string section, IEnumerable<string> fieldPath)
    {
        var conversion = section == "input" ? InputSchemaConversion : section == "output" ? OutputSchemaConversion : null;
        var schema = section == "input" ? InputSchema : section == "output" ? OutputSchema : null;
        if (conversion is null || schema is null) return null;
        var pointer = string.Empty;
        foreach (var field in fieldPath)
        {
            var step = 0;
            while (step++ < 8)
            {
                if (schema?["properties"] is { } properties && properties[field] is { } property)
                {
                    pointer = SchemaPointer.Append(SchemaPointer.Append(pointer, "properties"), field);
                    schema = property;
                    break;
                }

                if (schema?["items"] is { Kind: PromptValueKind.Object } items)
                {
                    pointer = SchemaPointer.Append(pointer, "items");
                    schema = items;
                    continue;
                }

                if (schema?["additionalProperties"] is { Kind: PromptValueKind.Object } additional)
                {
                    pointer = SchemaPointer.Append(pointer, "additionalProperties");
                    schema = additional;
                    break;
                }

                return conversion.TryGetSpan(pointer, out var nearest) ? nearest : null;
            }
        }

        return conversion.TryGetSpan(pointer, out var span) ? span : null;
    }

    private SourceSpan? Locate(string path, bool key)
    {
        if (Frontmatter is null || string.IsNullOrEmpty(path)) return null;
        var segments = path.Split('.');
        if (segments[0] == "config" && segments.Length > 1 && _overridden.Contains("config." + segments[1])) return null;
        if (segments[0] != "config" && segments[0] != "ext" && _overridden.Contains(segments[0])) return null;
        if (segments.Length > 2 && (segments[0] == "input" || segments[0] == "output") && segments[1] == "schema")
        {
            return GetSchemaFieldSpan(segments[0], segments.Skip(2));
        }

        if (segments[0] == "ext" && segments.Length > 1 && Frontmatter.FindEntry("ext") is null) segments = segments.Skip(1).ToArray();
        return Walk(Frontmatter, segments, key);
    }

    /// <summary>Walks mappings by the longest matching dotted key (extension keys contain dots) and sequences by index.</summary>
    private static SourceSpan? Walk(YamlSourceNode node, string[] segments, bool key)
    {
        var index = 0;
        SourceSpan? keySpan = null;
        while (index < segments.Length)
        {
            if (node.Kind == YamlSourceNodeKind.Sequence)
            {
                if (!int.TryParse(segments[index], NumberStyles.None, CultureInfo.InvariantCulture, out var item) || node[item] is not { } itemNode) return null;
                node = itemNode;
                keySpan = itemNode.Span;
                index++;
                continue;
            }

            YamlSourceEntry? entry = null;
            var used = 0;
            for (var count = segments.Length - index; count >= 1 && entry is null; count--)
            {
                entry = node.FindEntry(string.Join(".", segments, index, count));
                used = count;
            }

            if (entry is null) return null;
            node = entry.Value;
            keySpan = entry.KeySpan;
            index += used;
        }

        return key ? keySpan : node.Span;
    }

    private string? StringOf(string key) => _value[key] is { Kind: PromptValueKind.String } value ? value.AsString : null;

    private PromptValue ObjectOf(string key) => _value[key] is { Kind: PromptValueKind.Object } value ? value : PromptValue.EmptyObject();
}
