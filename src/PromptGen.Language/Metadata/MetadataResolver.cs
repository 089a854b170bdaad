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
        var layers = new[] { parsed, callerOptions };
        var merged = PromptValue.EmptyObject();
        foreach (var layer in layers)
        {
            if (!JsObject.IsTruthy(layer)) continue;
            var originalConfig = merged["config"];
            merged = JsObject.Create(merged.Properties.Concat(JsObject.Spread(layer)));
            var config = JsObject.Create(JsObject.Spread(originalConfig).Concat(JsObject.Spread(layer!["config"])));
            merged = Assign(merged, "config", config);
        }

        merged = JsObject.Create(merged.Properties.Where(p => p.Key != "template"));
        merged = ResolveTools(merged, tools);

        var overridden = new HashSet<string>(System.StringComparer.Ordinal);
        if (JsObject.IsTruthy(callerOptions))
        {
            foreach (var property in JsObject.Spread(callerOptions)) overridden.Add(property.Key);
            foreach (var property in JsObject.Spread(callerOptions!["config"])) overridden.Add("config." + property.Key);
        }

        var diagnostics = new List<PromptDiagnostic>();
        var fallback = lines is null ? default : lines.GetSpan(0, 0);
        // Picoschema to JSON Schema, input then output: the section's schema replaced by its conversion.
        PicoschemaResult? ConvertSection(string key)
        {
            var section = merged[key];
            if (!JsObject.IsTruthy(section?["schema"])) return null;
            var conversion = Convert(key, section!, overridden, frontmatter, path, fallback, schemas);
            diagnostics.AddRange(conversion.Diagnostics);
            var converted = JsObject.Create(JsObject.Spread(section));
            if (conversion.Schema is not null) converted = Assign(converted, "schema", conversion.Schema);
            merged = Assign(merged, key, converted);
            return conversion;
        }

        var inputConversion = ConvertSection("input");
        var outputConversion = ConvertSection("output");

        return new PromptMetadata(path, parsed, merged, frontmatter, overridden, inputConversion, outputConversion, diagnostics, lines, schemas, tools);
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
            Label = key + ".schema",
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

    private static PromptValue Assign(PromptValue target, string key, PromptValue value) =>
        JsObject.Create(target.Properties.Concat(new[] { new KeyValuePair<string, PromptValue>(key, value) }));
}
