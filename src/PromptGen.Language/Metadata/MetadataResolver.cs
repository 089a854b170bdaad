using PromptGen.Language.Diagnostics;
using PromptGen.Language.Schemas;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Metadata;

/// <summary>
/// The reference's <c>resolveMetadata</c>: shallow-merges metadata layers (<c>config</c> merged key by key), drops
/// <c>template</c>, resolves tools into <c>toolDefs</c> and converts <c>input.schema</c> / <c>output.schema</c> to JSON Schema.
/// </summary>
internal static class MetadataResolver
{
    public static PromptMetadata Resolve(
        string path,
        PromptValue parsed,
        PromptValue? callerOptions,
        YamlSourceNode? frontmatter,
        LineMap? lines,
        ISchemaResolver? schemas,
        IToolResolver? tools)
    {
        var merged = PromptValue.EmptyObject();
        merged = MergeLayer(merged, parsed);
        merged = MergeLayer(merged, callerOptions);
        merged = WithoutTemplate(merged);
        merged = ResolveTools(merged, tools);

        var overridden = new HashSet<string>(System.StringComparer.Ordinal);
        if (JsObject.IsTruthy(callerOptions))
        {
            foreach (var property in JsObject.Spread(callerOptions)) overridden.Add(property.Key);
            foreach (var property in JsObject.Spread(callerOptions!["config"])) overridden.Add("config." + property.Key);
        }

        var diagnostics = new List<PromptDiagnostic>();
        var fallback = lines is null ? default : lines.GetSpan(0, 0);
        var context = new ConversionContext(path, overridden, frontmatter, fallback, schemas, diagnostics);
        var inputConversion = ConvertSection(merged, "input", context, out var input);
        var outputConversion = ConvertSection(merged, "output", context, out var output);

        // Both sections replaced in one copy: converting one never reads the other.
        if (input is not null || output is not null)
        {
            var properties = new List<KeyValuePair<string, PromptValue>>(merged.Properties.Count + 2);
            properties.AddRange(merged.Properties);
            if (input is not null) properties.Add(new KeyValuePair<string, PromptValue>("input", input));
            if (output is not null) properties.Add(new KeyValuePair<string, PromptValue>("output", output));
            merged = JsObject.CreateOwned(properties);
        }

        return new PromptMetadata(path, parsed, merged, frontmatter, overridden, inputConversion, outputConversion, diagnostics, lines, schemas, tools);
    }

    /// <summary>
    /// <c>{ ...merged, ...layer, config: { ...merged.config, ...layer.config } }</c> for a truthy layer; a falsy layer
    /// leaves <paramref name="merged"/> as it is.
    /// </summary>
    private static PromptValue MergeLayer(PromptValue merged, PromptValue? layer)
    {
        if (!JsObject.IsTruthy(layer)) return merged;
        var originalConfig = merged["config"];
        var properties = new List<KeyValuePair<string, PromptValue>>(merged.Properties.Count + layer!.Properties.Count + 1);
        properties.AddRange(merged.Properties);
        AddSpread(properties, layer);
        var config = new List<KeyValuePair<string, PromptValue>>();
        AddSpread(config, originalConfig);
        AddSpread(config, layer["config"]);

        // Appending config to the merged list before creating the object gives what assigning it afterwards would.
        properties.Add(new KeyValuePair<string, PromptValue>("config", JsObject.CreateOwned(config)));
        return JsObject.CreateOwned(properties);
    }

    /// <summary>The reference drops <c>template</c> from the resolved metadata.</summary>
    private static PromptValue WithoutTemplate(PromptValue merged)
    {
        var properties = new List<KeyValuePair<string, PromptValue>>(merged.Properties.Count);
        foreach (var property in merged.Properties)
        {
            if (property.Key != "template") properties.Add(property);
        }

        return JsObject.CreateOwned(properties);
    }

    /// <summary>Picoschema to JSON Schema for <c>input</c> or <c>output</c>: <paramref name="converted"/> is the section with its schema replaced by the conversion.</summary>
    private static PicoschemaResult? ConvertSection(PromptValue merged, string key, ConversionContext context, out PromptValue? converted)
    {
        converted = null;
        var section = merged[key];
        if (!JsObject.IsTruthy(section?["schema"])) return null;
        var conversion = Convert(key, section!, context.Overridden, context.Frontmatter, context.Path, context.Fallback, context.Schemas);
        context.Diagnostics.AddRange(conversion.Diagnostics);
        var properties = new List<KeyValuePair<string, PromptValue>>(section!.Properties.Count + 1);
        AddSpread(properties, section);
        if (conversion.Schema is not null) properties.Add(new KeyValuePair<string, PromptValue>("schema", conversion.Schema));
        converted = JsObject.CreateOwned(properties);
        return conversion;
    }

    /// <summary>Appends what <c>{...value}</c> copies (see <see cref="JsObject.Spread"/>), an object's properties without an iterator.</summary>
    private static void AddSpread(List<KeyValuePair<string, PromptValue>> properties, PromptValue? value)
    {
        if (value is null) return;
        if (value.Kind == PromptValueKind.Object)
        {
            properties.AddRange(value.Properties);
            return;
        }

        foreach (var property in JsObject.Spread(value)) properties.Add(property);
    }

    /// <summary>What converting either schema section needs besides the section itself.</summary>
    private sealed class ConversionContext(
        string path,
        HashSet<string> overridden,
        YamlSourceNode? frontmatter,
        SourceSpan fallback,
        ISchemaResolver? schemas,
        List<PromptDiagnostic> diagnostics)
    {
        public string Path { get; } = path;

        public HashSet<string> Overridden { get; } = overridden;

        public YamlSourceNode? Frontmatter { get; } = frontmatter;

        public SourceSpan Fallback { get; } = fallback;

        public ISchemaResolver? Schemas { get; } = schemas;

        public List<PromptDiagnostic> Diagnostics { get; } = diagnostics;
    }

    private static PicoschemaResult Convert(
        string key,
        PromptValue section,
        HashSet<string> overridden,
        YamlSourceNode? frontmatter,
        string path,
        SourceSpan fallback,
        ISchemaResolver? schemas)
    {
        var fromFile = !overridden.Contains(key) && frontmatter is not null;
        var sectionEntry = fromFile ? frontmatter!.FindEntry(key) : null;
        var schemaEntry = sectionEntry?.Value.FindEntry("schema");
        return Picoschema.Convert(section["schema"], new PicoschemaOptions
        {
            Schemas = schemas,
            Source = schemaEntry?.Value,
            Path = path,
            FallbackSpan = schemaEntry?.KeySpan ?? sectionEntry?.KeySpan ?? fallback,
            Label = key == "input" ? "input.schema" : key == "output" ? "output.schema" : key + ".schema",
        });
    }

    private static PromptValue ResolveTools(PromptValue metadata, IToolResolver? resolver)
    {
        var tools = metadata["tools"];
        if (!JsObject.IsTruthy(tools)) return metadata;
        var toolDefs = metadata["toolDefs"];
        var definitions = JsObject.IsTruthy(toolDefs) ? toolDefs!.Items.ToList() : new List<PromptValue>();
        if (tools!.Kind != PromptValueKind.Array)
        {
            // The reference fails here (`tools.map` is not a function); PG0003 reports it. Keep the value as written.
            return Assign(metadata, "toolDefs", JsObject.IsTruthy(toolDefs) ? toolDefs! : PromptValue.Array(definitions));
        }

        var unregistered = new List<PromptValue>();
        foreach (var name in tools.Items)
        {
            var definition = resolver?.Resolve(JsObject.ToJsString(name));
            if (definition is not null) definitions.Add(definition);
            else unregistered.Add(name);
        }

        var resolvedDefs = toolDefs is not null && JsObject.IsTruthy(toolDefs) && toolDefs.Kind != PromptValueKind.Array ? toolDefs : PromptValue.Array(definitions);
        return Assign(Assign(metadata, "toolDefs", resolvedDefs), "tools", PromptValue.Array(unregistered));
    }

    /// <summary><c>{ ...target, [key]: value }</c>.</summary>
    private static PromptValue Assign(PromptValue target, string key, PromptValue value)
    {
        var properties = new List<KeyValuePair<string, PromptValue>>(target.Properties.Count + 1);
        properties.AddRange(target.Properties);
        properties.Add(new KeyValuePair<string, PromptValue>(key, value));
        return JsObject.CreateOwned(properties);
    }
}
