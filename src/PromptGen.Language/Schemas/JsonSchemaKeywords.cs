namespace PromptGen.Language.Schemas;

/// <summary>JSON Schema keywords, used to tell a JSON Schema from Picoschema fields that happen to share a name.</summary>
internal static class JsonSchemaKeywords
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "enum", "const", "description",
        "title", "default", "examples", "format", "pattern", "minLength", "maxLength", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems", "contains",
        "minContains", "maxContains", "minProperties", "maxProperties", "patternProperties", "propertyNames",
        "dependentRequired", "dependentSchemas", "dependencies", "oneOf", "anyOf", "allOf", "not", "if", "then", "else",
        "$ref", "$defs", "definitions", "$schema", "$id", "$comment", "$anchor", "nullable", "readOnly", "writeOnly",
        "deprecated", "contentEncoding", "contentMediaType", "unevaluatedProperties", "unevaluatedItems",
    };

    public static bool IsKeyword(string key) => s_keywords.Contains(key);
}
