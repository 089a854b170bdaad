using PromptGen.Language.Values;

namespace PromptGen.Language.Schemas;

/// <summary>An <see cref="ISchemaResolver"/> over a fixed set of named schemas.</summary>
public sealed class DictionarySchemaResolver : ISchemaResolver
{
    private readonly Dictionary<string, PromptValue> _schemas;

    public DictionarySchemaResolver(IEnumerable<KeyValuePair<string, PromptValue>> schemas)
    {
        if (schemas is null) throw new ArgumentNullException(nameof(schemas));
        _schemas = new Dictionary<string, PromptValue>(StringComparer.Ordinal);
        foreach (var schema in schemas) _schemas[schema.Key] = schema.Value;
    }

    /// <summary>Uses the properties of a JSON object (name → JSON Schema), like the conformance suites' <c>schemas</c>.</summary>
    public static DictionarySchemaResolver FromObject(PromptValue? schemas) =>
        new(schemas is null ? Array.Empty<KeyValuePair<string, PromptValue>>() : schemas.Properties);

    /// <summary>The reference looks names up with JavaScript truthiness: a registered falsy value counts as missing.</summary>
    public PromptValue? Resolve(string name) =>
        _schemas.TryGetValue(name, out var schema) && JsObject.IsTruthy(schema) ? schema : null;
}
