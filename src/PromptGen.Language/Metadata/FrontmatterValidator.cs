using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Metadata;

/// <summary>
/// Checks frontmatter keys and values that the reference runtime accepts silently but that are almost surely mistakes:
/// PG0002 (unknown or ignored keys), PG0003 (wrong type or range), PG0401 (<c>input.default</c> does not fit the
/// schema), PG0402 (<c>output.format</c> vs <c>output.schema</c>) and PG0105 (schema constructs without a C# type).
/// </summary>
public static class FrontmatterValidator
{
    /// <summary>Output formats Dotprompt runtimes (Genkit) understand.</summary>
    /// <summary>Values of <c>config.reasoningEffort</c>, mapped onto <c>ChatOptions.Reasoning</c> (M.E.AI's <c>ReasoningEffort</c>).</summary>
    public static readonly IReadOnlyList<string> ReasoningEfforts = new[] { "none", "low", "medium", "high", "extraHigh" };

    public static readonly IReadOnlyList<string> OutputFormats = new[] { "json", "text", "media", "array", "enum", "jsonl" };

    public static IReadOnlyList<PromptDiagnostic> Validate(string path, YamlSourceNode root, PromptMetadata metadata)
    {
        var context = new Context(path ?? string.Empty);
        if (root.Kind != YamlSourceNodeKind.Mapping)
        {
            context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, root.Span,
                $"The frontmatter must be a mapping of keys (`name: ...`, `model: ...`), not {TextExcerpt.Describe(root.Value)}.");
            return context.Diagnostics;
        }

        foreach (var entry in root.Entries) CheckTopLevelEntry(context, entry);
        CheckOutputAgreement(context, root, metadata);
        return context.Diagnostics;
    }

    private static void CheckTopLevelEntry(Context context, YamlSourceEntry entry)
    {
        var key = entry.Key;
        var value = entry.Value;
        switch (key)
        {
            case "name":
            case "variant":
            case "description":
            case "model":
                ExpectString(context, key, value);
                return;
            case "version":
                if (value.Value.Kind is not (PromptValueKind.String or PromptValueKind.Number))
                {
                    context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span, $"`version` must be text or a number, not {TextExcerpt.Describe(value.Value)}.");
                }

                return;
            case "config":
                if (ExpectMapping(context, key, value)) CheckConfig(context, value);
                return;
            case "input":
                if (ExpectMapping(context, key, value) && value["default"] is { } defaults && defaults.Value.Kind != PromptValueKind.Object)
                {
                    context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, defaults.Span,
                        $"`input.default` must be a mapping of input names to values, not {TextExcerpt.Describe(defaults.Value)}.");
                }

                return;
            case "output":
                if (ExpectMapping(context, key, value)) CheckOutputFormat(context, value);
                return;
            case "tools":
                if (value.Kind != YamlSourceNodeKind.Sequence)
                {
                    context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span, $"`tools` must be a list of tool names, e.g. `tools: [getWeather]`, not {TextExcerpt.Describe(value.Value)}.");
                    return;
                }

                foreach (var item in value.Items.Where(i => i.Value.Kind != PromptValueKind.String))
                {
                    context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, item.Span, $"Each entry of `tools` must be a tool name, not {TextExcerpt.Describe(item.Value)}.");
                }

                return;
            case "toolDefs":
                if (value.Kind != YamlSourceNodeKind.Sequence)
                {
                    context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span, $"`toolDefs` must be a list of tool definitions, not {TextExcerpt.Describe(value.Value)}.");
                    return;
                }

                foreach (var item in value.Items.Where(i => i.Kind != YamlSourceNodeKind.Mapping))
                {
                    context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, item.Span, $"Each entry of `toolDefs` must be a mapping (name, description, inputSchema...), not {TextExcerpt.Describe(item.Value)}.");
                }

                return;
            case "metadata":
                context.Report(DiagnosticDescriptors.UnknownFrontmatterKey, entry.KeySpan,
                    "Dotprompt runtimes do not read `metadata` from frontmatter (it only appears in `raw`). Use an extension key such as `myapp.owner: ...` instead.");
                return;
            case "ext":
            case "raw":
                context.Report(DiagnosticDescriptors.UnknownFrontmatterKey, entry.KeySpan,
                    $"`{key}` is computed by Dotprompt runtimes and what is written here is discarded. " +
                    (key == "ext" ? "Write extension fields as dotted keys, e.g. `myext.field: value`." : "Remove it."));
                return;
        }

        if (FrontmatterKeys.IsExtension(key)) return;
        var suggestion = FrontmatterKeys.Suggest(key);
        context.Report(DiagnosticDescriptors.UnknownFrontmatterKey, entry.KeySpan,
            $"Unknown frontmatter key `{key}`; Dotprompt ignores it." +
            (suggestion is not null ? $" Did you mean `{suggestion}`?" : string.Empty) +
            " Custom settings belong in a dotted extension key such as `myapp." + key + "`.");
    }

    private static void CheckConfig(Context context, YamlSourceNode config)
    {
        foreach (var entry in config.Entries)
        {
            var value = entry.Value;
            switch (entry.Key)
            {
                case "temperature":
                    ExpectNumber(context, "config.temperature", value, min: 0, max: null, integer: false, example: "0.7");
                    break;
                case "topP":
                    ExpectNumber(context, "config.topP", value, min: 0, max: 1, integer: false, example: "0.9");
                    break;
                case "topK":
                    ExpectNumber(context, "config.topK", value, min: 1, max: null, integer: true, example: "40");
                    break;
                case "maxOutputTokens":
                    ExpectNumber(context, "config.maxOutputTokens", value, min: 1, max: null, integer: true, example: "1024");
                    break;
                case "candidateCount":
                    ExpectNumber(context, "config.candidateCount", value, min: 1, max: null, integer: true, example: "1");
                    break;
                case "seed":
                    ExpectNumber(context, "config.seed", value, min: null, max: null, integer: true, example: "42");
                    break;
                case "presencePenalty":
                case "frequencyPenalty":
                    ExpectNumber(context, "config." + entry.Key, value, min: null, max: null, integer: false, example: "0.5");
                    break;
                case "reasoningEffort":
                    if (value.Value.Kind != PromptValueKind.String || !ReasoningEfforts.Contains(value.Value.AsString))
                    {
                        context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span,
                            $"`config.reasoningEffort` must be one of {string.Join(", ", ReasoningEfforts)}, not {TextExcerpt.Describe(value.Value)}.");
                    }

                    break;
                case "stopSequences":
                    if (value.Kind != YamlSourceNodeKind.Sequence || value.Items.Any(i => i.Value.Kind != PromptValueKind.String))
                    {
                        context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span,
                            $"`config.stopSequences` must be a list of strings, e.g. `stopSequences: [\"END\"]`, not {TextExcerpt.Describe(value.Value)}.");
                    }

                    break;
            }
        }
    }

    private static void CheckOutputFormat(Context context, YamlSourceNode output)
    {
        if (output["format"] is not { } format) return;
        if (format.Value.Kind != PromptValueKind.String || !OutputFormats.Contains(format.Value.AsString))
        {
            var text = format.Value.Kind == PromptValueKind.String ? format.Value.AsString : null;
            var suggestion = text is null ? null : FrontmatterKeys.Suggest(text, OutputFormats);
            context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, format.Span,
                $"`output.format` must be one of {string.Join(", ", OutputFormats)}, not {TextExcerpt.Describe(format.Value)}." +
                (suggestion is not null ? $" Did you mean `{suggestion}`?" : string.Empty));
        }
    }

    private static void CheckOutputAgreement(Context context, YamlSourceNode root, PromptMetadata metadata)
    {
        var output = root["output"];
        var formatNode = output?["format"];
        var schemaNode = output?["schema"];
        var format = metadata.OutputFormat;
        var schema = metadata.OutputSchema;
        if (formatNode is null || format is null || schemaNode is null || !JsObject.IsTruthy(schema)) return;
        var span = formatNode.Span;
        switch (format)
        {
            case "text":
            case "media":
                context.Report(DiagnosticDescriptors.OutputFormatMismatch, span,
                    $"`output.format: {format}` returns {(format == "text" ? "plain text" : "media")}, so `output.schema` is ignored. Remove the schema, or use `format: json`.");
                break;
            case "array":
            case "jsonl":
                if (!HasType(schema!, "array"))
                {
                    context.Report(DiagnosticDescriptors.OutputFormatMismatch, span,
                        $"`output.format: {format}` expects an array schema, but `output.schema` is not an array. Declare the items as an array (JSON Schema `type: array`), or use `format: json`.");
                }

                break;
            case "enum":
                if (schema!["enum"] is null)
                {
                    context.Report(DiagnosticDescriptors.OutputFormatMismatch, span,
                        "`output.format: enum` expects a schema with `enum` values, but `output.schema` has none. Use JSON Schema `{type: string, enum: [...]}`, or use `format: json`.");
                }

                break;
        }
    }

    private static bool HasType(PromptValue schema, string type) =>
        schema["type"] is { } value &&
        (value.Kind == PromptValueKind.String ? value.AsString == type : value.Items.Any(t => t.Kind == PromptValueKind.String && t.AsString == type));

    private static void ExpectString(Context context, string key, YamlSourceNode value)
    {
        if (value.Value.Kind != PromptValueKind.String)
        {
            context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span, $"`{key}` must be text, not {TextExcerpt.Describe(value.Value)}." +
                (value.Value.Kind is PromptValueKind.Number or PromptValueKind.Boolean ? " Quote it if it is meant as text." : string.Empty));
        }
    }

    private static bool ExpectMapping(Context context, string key, YamlSourceNode value)
    {
        if (value.Kind == YamlSourceNodeKind.Mapping) return true;
        context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span, $"`{key}` must be a mapping of keys indented below it, not {TextExcerpt.Describe(value.Value)}.");
        return false;
    }

    private static void ExpectNumber(Context context, string key, YamlSourceNode value, double? min, double? max, bool integer, string example)
    {
        var expected = (integer ? "an integer" : "a number") +
            (min is not null && max is not null ? $" from {min} to {max}" : min is not null ? $" of at least {min}" : string.Empty);
        if (value.Value.Kind != PromptValueKind.Number || double.IsNaN(value.Value.AsNumber) || double.IsInfinity(value.Value.AsNumber))
        {
            context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span, $"`{key}` must be {expected} (e.g. `{key.Substring(key.LastIndexOf('.') + 1)}: {example}`), not {TextExcerpt.Describe(value.Value)}.");
            return;
        }

        var number = value.Value.AsNumber;
        if ((integer && Math.Floor(number) != number) || (min is not null && number < min) || (max is not null && number > max))
        {
            context.Report(DiagnosticDescriptors.InvalidFrontmatterValue, value.Span, $"`{key}` must be {expected}, not {JsNumber.ToString(number)}.");
        }
    }

    private sealed class Context
    {
        private readonly string _path;

        public Context(string path) => _path = path;

        public List<PromptDiagnostic> Diagnostics { get; } = new();

        public void Report(PromptDiagnosticDescriptor descriptor, SourceSpan span, string message) =>
            Diagnostics.Add(new PromptDiagnostic(descriptor, _path, span, message));
    }
}
