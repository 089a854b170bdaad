using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Schemas;

/// <summary>
/// Converts a Dotprompt schema (Picoschema, JSON Schema or a named schema) to JSON Schema exactly as the reference
/// runtime does, and reports what the reference would reject or silently mangle (PG0101–PG0104) at the offending key.
/// Never throws: where the reference fails, the result is a best effort and the diagnostics hold errors.
/// </summary>
public static class Picoschema
{
    /// <summary>The scalar type names Picoschema knows (<c>any</c> means no constraint).</summary>
    public static readonly IReadOnlyList<string> ScalarTypes = new[] { "any", "boolean", "integer", "null", "number", "string" };

    /// <summary>Values of a top-level <c>type</c> key that make the reference read the schema as JSON Schema.</summary>
    public static readonly IReadOnlyList<string> JsonSchemaDetectionTypes = new[] { "any", "boolean", "integer", "null", "number", "string", "object", "array" };

    /// <summary>The key that declares the type of unlisted properties (<c>additionalProperties</c>).</summary>
    public const string WildcardKey = "(*)";

    /// <summary>Converts <paramref name="schema"/>; see <see cref="PicoschemaResult"/>.</summary>
    public static PicoschemaResult Convert(PromptValue? schema, PicoschemaOptions? options = null)
    {
        var converter = new PicoschemaConverter(options ?? new PicoschemaOptions());
        return converter.Run(schema);
    }

    /// <summary>True when the reference would take <paramref name="schema"/> (an object) as JSON Schema rather than Picoschema.</summary>
    public static bool IsJsonSchema(PromptValue schema)
    {
        if (schema.Kind != PromptValueKind.Object) return false;
        var type = schema["type"];
        if (type is not null && type.Kind == PromptValueKind.String && JsonSchemaDetectionTypes.Contains(type.AsString)) return true;
        var properties = schema["properties"];
        return properties is not null && (properties.Kind is PromptValueKind.Object or PromptValueKind.Array or PromptValueKind.Null);
    }

    /// <summary>Splits a Picoschema type expression <c>"type, description"</c> like the reference.</summary>
    public static (string Type, string? Description) SplitDescription(string expression)
    {
        PicoschemaText.ExtractDescription(expression, out var type, out var description);
        return (type, description);
    }
}

/// <summary>One conversion run; mirrors the reference's PicoschemaParser step by step.</summary>
internal sealed class PicoschemaConverter
{
    private const int MaxDepth = 200;

    // Type names every converted schema repeats; values are immutable, so one instance of each serves all.
    private static readonly PromptValue s_null = PromptValue.String("null");
    private static readonly PromptValue s_object = PromptValue.String("object");
    private static readonly PromptValue s_array = PromptValue.String("array");
    private static readonly PromptValue s_string = PromptValue.String("string");
    private static readonly PromptValue s_number = PromptValue.String("number");
    private static readonly PromptValue s_integer = PromptValue.String("integer");
    private static readonly PromptValue s_boolean = PromptValue.String("boolean");

    private readonly PicoschemaOptions _options;
    private readonly List<PromptDiagnostic> _diagnostics = new();
    private readonly Dictionary<string, SourceSpan> _spans;
    private SourceSpan? _keySpanOfEmptyValue;

    public PicoschemaConverter(PicoschemaOptions options)
    {
        _options = options;

        // About two locations per field (the field, its items) and the root: sized for a flat schema, so the map
        // rarely grows while it is filled.
        _spans = new Dictionary<string, SourceSpan>(2 * (options.Source?.Entries.Count ?? 0) + 2, StringComparer.Ordinal);
    }

    public PicoschemaResult Run(PromptValue? schema)
    {
        var isJsonSchema = false;
        PromptValue? result = null;
        if (JsObject.IsTruthy(schema))
        {
            result = ConvertTop(schema!, _options.Source, out isJsonSchema);
        }

        // Kept with the parsed prompt: an empty diagnostic list is not kept as a list, and the spans go into a compact map.
        IReadOnlyList<PromptDiagnostic> diagnostics = _diagnostics.Count == 0 ? Array.Empty<PromptDiagnostic>() : _diagnostics;
        return new PicoschemaResult(result, diagnostics, PointerSpanMap.From(_spans), isJsonSchema);
    }

    private PromptValue ConvertTop(PromptValue schema, YamlSourceNode? source, out bool isJsonSchema)
    {
        isJsonSchema = false;
        Record(string.Empty, source?.Span);
        switch (schema.Kind)
        {
            case PromptValueKind.String:
                PicoschemaText.ExtractDescription(schema.AsString, out var type, out var description);
                if (Picoschema.ScalarTypes.Contains(type))
                {
                    // Unlike nested fields, a top-level `any` keeps `type: any` in the reference.
                    return description is null
                        ? Properties(Pair("type", TypeName(type)))
                        : Properties(Pair("type", TypeName(type)), Pair("description", PromptValue.String(description)));
                }

                return ResolveNamed(type, description, string.Empty, source, string.Empty);
            case PromptValueKind.Object:
                if (Picoschema.IsJsonSchema(schema))
                {
                    isJsonSchema = true;
                    CheckJsonSchemaAmbiguity(schema, source);
                    RecordTree(string.Empty, source);
                    var detectedByType = schema["type"] is { Kind: PromptValueKind.String } typeValue && Picoschema.JsonSchemaDetectionTypes.Contains(typeValue.AsString);
                    return detectedByType ? schema : JsObject.Create(schema.Properties.Concat(new[] { Pair("type", s_object) }));
                }

                var typeKey = source?.FindEntry("type");
                if (schema["type"] is { } nonDetectingType && nonDetectingType.Kind != PromptValueKind.String)
                {
                    Report(DiagnosticDescriptors.AmbiguousSchema, typeKey?.KeySpan ?? source?.Span,
                        $"{_options.Label} has a `type` key whose value is not a single type name, so Dotprompt reads the schema as Picoschema with a field named `type`. " +
                        "If this is JSON Schema, give `type` a single name (`object`, `string`...) and express nullability another way; if it is a field, describe it as `type: string`.");
                }

                return ParsePico(schema, string.Empty, source, string.Empty, 0);
            case PromptValueKind.Array:
                Report(DiagnosticDescriptors.InvalidSchemaSyntax, source?.Span,
                    $"{_options.Label} is a list; a schema is a type name (`string`), a mapping of fields, or JSON Schema. For an array write `field(array): <item type>` inside a mapping.");
                return ParsePico(schema, string.Empty, source, string.Empty, 0);
            default:
                Report(DiagnosticDescriptors.UnknownSchemaType, source?.Span,
                    $"{_options.Label} is {TextExcerpt.Describe(schema)}; a schema is a type name (`string`), a mapping of fields, or JSON Schema.");
                return PromptValue.EmptyObject();
        }
    }

    private PromptValue ParsePico(PromptValue value, string pointer, YamlSourceNode? source, string fieldName, int depth)
    {
        if (depth > MaxDepth)
        {
            Report(DiagnosticDescriptors.InvalidSchemaSyntax, source?.Span, $"{_options.Label} is nested more than {MaxDepth} levels deep.");
            return PromptValue.EmptyObject();
        }

        switch (value.Kind)
        {
            case PromptValueKind.String:
                PicoschemaText.ExtractDescription(value.AsString, out var type, out var description);
                if (!Picoschema.ScalarTypes.Contains(type)) return ResolveNamed(type, description, pointer, source, fieldName);
                if (type == "any")
                {
                    return description is null ? PromptValue.EmptyObject() : PromptValue.Object(("description", PromptValue.String(description)));
                }

                return description is null
                    ? Properties(Pair("type", TypeName(type)))
                    : Properties(Pair("type", TypeName(type)), Pair("description", PromptValue.String(description)));
            case PromptValueKind.Number:
            case PromptValueKind.Boolean:
                Report(DiagnosticDescriptors.UnknownSchemaType, source?.Span,
                    $"{FieldLabel(fieldName)} has the type {TextExcerpt.Describe(value)}; Picoschema types are names such as `string` or `integer`, or nested fields.");
                return PromptValue.EmptyObject();
            case PromptValueKind.Null:
                // The reference turns a missing type into an object with no properties, which accepts only `{}`.
                Report(DiagnosticDescriptors.UnknownSchemaType, source is { Span.Length: > 0 } ? source.Span : _keySpanOfEmptyValue ?? source?.Span,
                    $"{FieldLabel(fieldName)} has no type; Dotprompt would make it an empty object. Write a type such as `string` or `any`, or indent nested fields below it.");
                break;
            case PromptValueKind.Array:
                Report(DiagnosticDescriptors.InvalidSchemaSyntax, source?.Span,
                    $"{FieldLabel(fieldName)} is a list; lists are only allowed after `(enum)`. For an enum write `{Name(fieldName)}(enum): [...]`, for an array `{Name(fieldName)}(array): <item type>`.");
                break;
        }

        return ParseObject(value, pointer, source, depth);
    }

    private PromptValue ParseObject(PromptValue value, string pointer, YamlSourceNode? source, int depth)
    {
        CheckNestedJsonSchema(value, source);

        // Each field is appended once and the object created at the end: the same as assigning field by field.
        var properties = new List<KeyValuePair<string, PromptValue>>(value.Properties.Count);
        var required = new List<PromptValue>();
        var additionalProperties = PromptValue.False;
        var propertiesPointer = SchemaPointer.Append(pointer, "properties");
        var index = 0;
        var entries = value.Kind == PromptValueKind.Object ? value.Properties : JsObject.Spread(value).ToList();
        foreach (var entry in entries)
        {
            var key = entry.Key;
            YamlSourceNode? entrySource;
            SourceSpan? keySpan;
            if (value.Kind == PromptValueKind.Array)
            {
                entrySource = source?[index];
                keySpan = entrySource?.Span;
            }
            else
            {
                var sourceEntry = source?.FindEntry(key);
                entrySource = sourceEntry?.Value;
                keySpan = sourceEntry?.KeySpan;
            }

            index++;

            if (key == Picoschema.WildcardKey)
            {
                var wildcardPointer = SchemaPointer.Append(pointer, "additionalProperties");
                Record(wildcardPointer, keySpan);
                additionalProperties = ParsePico(entry.Value, wildcardPointer, entrySource, key, depth + 1);
                continue;
            }

            var parts = key.Split('(');
            var name = parts[0];
            var typeInfo = parts.Length > 1 ? parts[1] : null;
            var isOptional = name.EndsWith("?", StringComparison.Ordinal);
            _keySpanOfEmptyValue = keySpan; // an empty value has an empty span: point at its key instead
            var propertyName = isOptional ? name.Substring(0, name.Length - 1) : name;
            CheckKey(key, parts, name, propertyName, keySpan);
            if (IsDeclared(properties, propertyName))
            {
                Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan, $"The field `{propertyName}` is declared twice ({key}); the last declaration silently wins. Keep one.");
            }

            if (!isOptional) required.Add(PromptValue.String(propertyName));
            var propertyPointer = SchemaPointer.Append(propertiesPointer, propertyName);
            Record(propertyPointer, keySpan);

            PromptValue property;
            if (string.IsNullOrEmpty(typeInfo))
            {
                property = ParsePico(entry.Value, propertyPointer, entrySource, propertyName, depth + 1);
                if (isOptional && property["type"] is { Kind: PromptValueKind.String } scalarType)
                {
                    property = property.With("type", PromptValue.ArrayOwned(new[] { scalarType, s_null }));
                }

                properties.Add(Pair(propertyName, property));
                continue;
            }

            PicoschemaText.ExtractDescription(typeInfo!.Substring(0, typeInfo.Length - 1), out var parenthetical, out var description);
            var wildcardReported = key.StartsWith("(*", StringComparison.Ordinal);
            switch (parenthetical)
            {
                case "array":
                    var itemsPointer = SchemaPointer.Append(propertyPointer, "items");
                    Record(itemsPointer, entrySource?.Span);
                    property = PromptValue.Object(
                        ("type", isOptional ? PromptValue.Array(s_array, s_null) : s_array),
                        ("items", ParsePico(entry.Value, itemsPointer, entrySource, propertyName, depth + 1)));
                    break;
                case "object":
                    if (entry.Value.Kind != PromptValueKind.Object && entry.Value.Kind != PromptValueKind.Null)
                    {
                        Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan,
                            $"`{key}` declares an object but its value is not a mapping of fields; indent the fields below it, or drop `(object)` and write the type directly.");
                    }

                    property = ParsePico(entry.Value, propertyPointer, entrySource, propertyName, depth + 1);
                    if (isOptional)
                    {
                        var objectType = property["type"] ?? PromptValue.Null; // JSON turns the reference's undefined into null
                        property = JsObject.Create(property.Properties.Concat(new[] { Pair("type", PromptValue.Array(objectType, s_null)) }));
                    }

                    break;
                case "enum":
                    property = PromptValue.Object(("enum", ConvertEnum(entry.Value, isOptional, key, keySpan, entrySource)));
                    break;
                default:
                    if (!wildcardReported) Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan, ParentheticalMessage(key, parenthetical, propertyName));
                    property = PromptValue.EmptyObject();
                    break;
            }

            if (description is not null) property = property.With("description", PromptValue.String(description));
            properties.Add(Pair(propertyName, property));
        }

        var type = Pair("type", s_object);
        var fields = Pair("properties", JsObject.CreateOwned(properties));
        var closed = Pair("additionalProperties", additionalProperties);
        return PromptValue.ObjectOwned(required.Count > 0
            ? new[] { type, fields, Pair("required", PromptValue.ArrayOwned(required.ToArray())), closed }
            : new[] { type, fields, closed });
    }

    /// <summary>Every field declared before is in <paramref name="properties"/> (wildcards aside): a repeat is found there.</summary>
    private static bool IsDeclared(List<KeyValuePair<string, PromptValue>> properties, string propertyName)
    {
        foreach (var property in properties)
        {
            if (string.Equals(property.Key, propertyName, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    private PromptValue ConvertEnum(PromptValue values, bool isOptional, string key, SourceSpan? keySpan, YamlSourceNode? source)
    {
        if (values.Kind != PromptValueKind.Array)
        {
            Report(DiagnosticDescriptors.InvalidEnumValues, source?.Span ?? keySpan,
                $"`{key}` needs a list of values, e.g. `{key}: [A, B, C]`; got {TextExcerpt.Describe(values)}.");
            return values;
        }

        if (values.Items.Count == 0)
        {
            Report(DiagnosticDescriptors.InvalidEnumValues, source?.Span ?? keySpan, $"`{key}` has no values; list at least one, e.g. `[A, B]`.");
        }

        // Enums are short: repeats are found by comparing with the earlier values; only long ones get a set.
        var seen = values.Items.Count > 8 ? new HashSet<PromptValue>() : null;
        for (var i = 0; i < values.Items.Count; i++)
        {
            var item = values.Items[i];
            var itemSpan = source?[i]?.Span ?? source?.Span ?? keySpan;
            if (item.Kind is PromptValueKind.Object or PromptValueKind.Array)
            {
                Report(DiagnosticDescriptors.InvalidEnumValues, itemSpan, $"Enum values must be strings, numbers, booleans or null; `{key}` has {TextExcerpt.Describe(item)}.");
            }
            else if (seen is not null ? !seen.Add(item) : AppearsBefore(values.Items, i))
            {
                Report(DiagnosticDescriptors.InvalidEnumValues, itemSpan, $"The enum value {PromptJson.Serialize(item)} appears twice in `{key}`; remove the duplicate.");
            }
        }

        if (isOptional && !ContainsNull(values.Items))
        {
            var withNull = new PromptValue[values.Items.Count + 1];
            for (var i = 0; i < values.Items.Count; i++) withNull[i] = values.Items[i];
            withNull[values.Items.Count] = PromptValue.Null;
            return PromptValue.ArrayOwned(withNull);
        }

        return values;
    }

    /// <summary>Whether an earlier value that a set would hold (not an object or array) equals <c>items[index]</c>.</summary>
    private static bool AppearsBefore(IReadOnlyList<PromptValue> items, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (items[i].Kind is not (PromptValueKind.Object or PromptValueKind.Array) && items[i].Equals(items[index])) return true;
        }

        return false;
    }

    private static bool ContainsNull(IReadOnlyList<PromptValue> items)
    {
        foreach (var item in items)
        {
            if (item.IsNull) return true;
        }

        return false;
    }

    private PromptValue ResolveNamed(string type, string? description, string pointer, YamlSourceNode? source, string fieldName)
    {
        var resolved = _options.Schemas?.Resolve(type);
        if (resolved is null)
        {
            Report(DiagnosticDescriptors.UnknownSchemaType, source?.Span,
                $"Unknown type `{type}` in {FieldLabel(fieldName, lowercase: true)}. {PicoschemaText.UnknownTypeHint(type, Name(fieldName), _options.Schemas is not null)}");
            return description is null ? PromptValue.EmptyObject() : PromptValue.Object(("description", PromptValue.String(description)));
        }

        Record(pointer, source?.Span);
        return description is null ? resolved : JsObject.Create(JsObject.Spread(resolved).Concat(new[] { Pair("description", PromptValue.String(description)) }));
    }

    private void CheckKey(string key, string[] parts, string name, string propertyName, SourceSpan? keySpan)
    {
        if (key.StartsWith("(*", StringComparison.Ordinal) || propertyName == "*")
        {
            Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan, $"`{key}` is not the wildcard; write exactly `(*): <type>` (no `?`, no description in the key) to allow other properties.");
            return;
        }

        if (parts.Length > 2)
        {
            Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan,
                $"The field key `{key}` has more than one `(`; Dotprompt reads only up to the second one, so text is lost. Keep one `(type, description)` and no parentheses in descriptions.");
        }
        else if (parts.Length == 2 && !parts[1].EndsWith(")", StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan,
                parts[1].Length == 0
                    ? $"The field key `{key}` opens a parenthesis but declares nothing; write `{propertyName}(array)`, `(object)` or `(enum)`, or drop the `(`."
                    : parts[1].Contains(")")
                        ? $"The field key `{key}` has text after `)`; the optional marker goes before the parenthesis: `{propertyName}?({parts[1].Substring(0, parts[1].IndexOf(')'))})`."
                        : $"The field key `{key}` is missing its closing `)`.");
        }

        if (name.Contains(")"))
        {
            Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan, $"The field key `{key}` has a `)` without a matching `(`.");
        }

        if (propertyName.Length == 0)
        {
            Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan, $"The field key `{key}` has no field name.");
        }
        else if (propertyName.Contains("?"))
        {
            Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan, $"The field key `{key}` has a `?` inside the name; the optional marker is a single `?` right after the name, e.g. `{propertyName.Replace("?", string.Empty)}?`.");
        }
        else if (propertyName.Length != propertyName.Trim().Length)
        {
            Report(DiagnosticDescriptors.InvalidSchemaSyntax, keySpan,
                $"The field name `{propertyName}` has leading or trailing spaces, which become part of the property name; write `{propertyName.Trim()}{(name.EndsWith("?", StringComparison.Ordinal) ? "?" : string.Empty)}{(parts.Length > 1 ? "(" : string.Empty)}` without spaces.");
        }
    }

    private static string ParentheticalMessage(string key, string parenthetical, string propertyName)
    {
        if (parenthetical.StartsWith("*", StringComparison.Ordinal))
        {
            return $"`{key}` is not the wildcard; write exactly `(*): <type>` (no `?`, no description in the key) to allow other properties.";
        }

        if (Picoschema.ScalarTypes.Contains(parenthetical.Trim()))
        {
            return $"Parentheses are only for `array`, `object` and `enum`; scalar types go in the value: `{propertyName}: {parenthetical.Trim()}`.";
        }

        return $"Unknown parenthetical type `{parenthetical}` in `{key}`; use `(array)`, `(object)` or `(enum)`, optionally with a description: `({(parenthetical.Length > 0 ? "array" : "object")}, what it is)`.";
    }

    private void CheckJsonSchemaAmbiguity(PromptValue schema, YamlSourceNode? source)
    {
        var strayKeys = schema.Properties.Select(p => p.Key).Where(k => !JsonSchemaKeywords.IsKeyword(k)).ToList();
        if (strayKeys.Count == 0) return;
        var trigger = schema["type"] is { Kind: PromptValueKind.String } type && Picoschema.JsonSchemaDetectionTypes.Contains(type.AsString)
            ? $"`type: {type.AsString}`"
            : "a `properties` key";
        var triggerKey = schema["type"] is { Kind: PromptValueKind.String } ? "type" : "properties";
        Report(DiagnosticDescriptors.AmbiguousSchema, source?.FindEntry(triggerKey)?.KeySpan ?? source?.Span,
            $"{_options.Label} has {trigger}, so Dotprompt reads it as JSON Schema and ignores {string.Join(", ", strayKeys.Select(k => "`" + k + "`"))} as fields. " +
            $"If `{triggerKey}` is meant as a Picoschema field, add a description (`{triggerKey}: string, what it is`) or write the whole schema as JSON Schema.");
    }

    /// <summary>Inside Picoschema nothing is detected as JSON Schema: a nested JSON Schema becomes fields named <c>type</c> and <c>properties</c>.</summary>
    private void CheckNestedJsonSchema(PromptValue value, YamlSourceNode? source)
    {
        if (value.Kind != PromptValueKind.Object || source is null || ReferenceEquals(source, _options.Source)) return;
        if (!Picoschema.IsJsonSchema(value)) return;
        if (!value.Properties.All(p => JsonSchemaKeywords.IsKeyword(p.Key)) || (value["properties"] is null && value["items"] is null)) return;
        Report(DiagnosticDescriptors.AmbiguousSchema, source.FindEntry("type")?.KeySpan ?? source.FindEntry("properties")?.KeySpan ?? source.Span,
            "This looks like JSON Schema nested inside Picoschema, where it is read as fields named " +
            string.Join(", ", value.Properties.Select(p => "`" + p.Key + "`")) + ". Write the whole schema as JSON Schema, or these fields in Picoschema.");
    }

    private void RecordTree(string pointer, YamlSourceNode? source)
    {
        if (source is null) return;
        var stack = new Stack<(string Pointer, YamlSourceNode Node)>();
        stack.Push((pointer, source));
        while (stack.Count > 0)
        {
            var (current, node) = stack.Pop();
            if (node.IsAlias) continue; // an alias points at its anchor's text only once
            foreach (var entry in node.Entries)
            {
                var child = SchemaPointer.Append(current, entry.Key);
                Record(child, entry.KeySpan);
                stack.Push((child, entry.Value));
            }

            for (var i = 0; i < node.Items.Count; i++)
            {
                var child = SchemaPointer.Append(current, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Record(child, node.Items[i].Span);
                stack.Push((child, node.Items[i]));
            }
        }
    }

    private void Record(string pointer, SourceSpan? span)
    {
        if (span is { } value && !_spans.ContainsKey(pointer)) _spans[pointer] = value;
    }

    private void Report(PromptDiagnosticDescriptor descriptor, SourceSpan? span, string message) =>
        _diagnostics.Add(new PromptDiagnostic(descriptor, _options.Path, span ?? _options.FallbackSpan, message));

    private string FieldLabel(string fieldName, bool lowercase = false) =>
        fieldName.Length > 0 ? $"{(lowercase ? "the" : "The")} field `{fieldName}`" : _options.Label;

    private static string Name(string fieldName) => fieldName.Length > 0 ? fieldName : "field";

    private static KeyValuePair<string, PromptValue> Pair(string key, PromptValue value) => new(key, value);

    private static PromptValue TypeName(string type) => type switch
    {
        "string" => s_string,
        "number" => s_number,
        "integer" => s_integer,
        "boolean" => s_boolean,
        "null" => s_null,
        "object" => s_object,
        "array" => s_array,
        _ => PromptValue.String(type),
    };

    /// <summary>An object of one property (its key is not integer-like, so JavaScript order is insertion order).</summary>
    private static PromptValue Properties(KeyValuePair<string, PromptValue> first) =>
        PromptValue.ObjectOwned(new[] { first });

    /// <summary>An object of two properties with distinct keys that are not integer-like.</summary>
    private static PromptValue Properties(KeyValuePair<string, PromptValue> first, KeyValuePair<string, PromptValue> second) =>
        PromptValue.ObjectOwned(new[] { first, second });
}
