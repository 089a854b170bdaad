using System.Globalization;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;

namespace PromptGen.Language.Semantics;

/// <summary>What is wrong with a value at one place.</summary>
public enum SchemaMismatchKind
{
    /// <summary>The schema is <c>false</c>: no value is allowed.</summary>
    NotAllowed,

    /// <summary>The value's JSON type is not one of the declared types.</summary>
    WrongType,

    /// <summary>The value is not one of the <c>enum</c> values.</summary>
    NotInEnum,

    /// <summary>The value is not the <c>const</c> value.</summary>
    NotConst,

    /// <summary>A required property is missing (and has no default).</summary>
    MissingRequired,

    /// <summary>A property the schema does not declare, where <c>additionalProperties: false</c>.</summary>
    UndeclaredProperty,
}

/// <summary>A place where a value does not fit its schema node.</summary>
public sealed class SchemaMismatch
{
    internal SchemaMismatch(SchemaMismatchKind kind, IReadOnlyList<string> path, PromptValue? value, SchemaNode node, string? propertyName)
    {
        Kind = kind;
        Path = path;
        Value = value;
        Node = node;
        PropertyName = propertyName;
    }

    public SchemaMismatchKind Kind { get; }

    /// <summary>Property names and array indexes leading to the offending value (to the object, for a missing property).</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The offending value (null for a missing property).</summary>
    public PromptValue? Value { get; }

    /// <summary>The schema node the value was checked against.</summary>
    public SchemaNode Node { get; }

    /// <summary>The missing or undeclared property's name.</summary>
    public string? PropertyName { get; }

    /// <summary>True when the problem is a property's name (an undeclared field) rather than a value.</summary>
    public bool AtKey => Kind == SchemaMismatchKind.UndeclaredProperty;

    /// <summary>The declared property names of the object at <see cref="Path"/> (for an undeclared property's hint).</summary>
    public IReadOnlyList<string> DeclaredNames => Node.Properties.Select(p => p.Name).ToList();

    /// <summary>The problem as a sentence about <paramref name="subject"/> (e.g. "`tone`"), without a final period.</summary>
    public string Describe(string subject) => Kind switch
    {
        SchemaMismatchKind.NotAllowed => $"{subject} is not allowed: the schema accepts no value there",
        SchemaMismatchKind.WrongType => $"{subject} is {DescribeValue(Value!)} but the schema expects {string.Join(" or ", Node.DeclaredTypes)}",
        SchemaMismatchKind.NotInEnum =>
            $"{subject} is {PromptJson.Serialize(Value!)}, which is not one of the allowed values {string.Join(", ", Node.EnumValues.Select(v => PromptJson.Serialize(v)))}",
        SchemaMismatchKind.NotConst => $"{subject} must be {PromptJson.Serialize(Node.Const!)}",
        SchemaMismatchKind.MissingRequired => $"{subject} is missing the required field '{PropertyName}'",
        _ => $"{subject} is not a field of the schema",
    };

    /// <summary>"a string", "an integer", "a list", ... for messages.</summary>
    public static string DescribeValue(PromptValue value) => value.Kind switch
    {
        PromptValueKind.Null => "null",
        PromptValueKind.Boolean => "a boolean",
        PromptValueKind.Number => Math.Floor(value.AsNumber) == value.AsNumber && !double.IsInfinity(value.AsNumber) ? "an integer" : "a number",
        PromptValueKind.String => "a string",
        PromptValueKind.Array => "a list",
        _ => "an object",
    };
}

/// <summary>
/// The one value validator: checks a value against a <see cref="SchemaNode"/> (<c>input.default</c> values, eval case
/// inputs, assertion values, the <c>schema-valid</c> assertion). Follows JSON Schema: <c>type</c>, <c>enum</c>,
/// <c>const</c>, <c>required</c>, <c>properties</c>, <c>additionalProperties</c>, <c>items</c>; a node that says nothing
/// accepts anything.
/// </summary>
public static class SchemaValidator
{
    /// <param name="value">The value to check.</param>
    /// <param name="schema">Its schema.</param>
    /// <param name="checkRequired">
    /// Whether missing required properties are mismatches (a required property with a default is never missing);
    /// false for partial values such as <c>input.default</c>.
    /// </param>
    /// <param name="stopAtFirst">Stop at the first mismatch.</param>
    public static IReadOnlyList<SchemaMismatch> Validate(PromptValue value, SchemaNode schema, bool checkRequired = true, bool stopAtFirst = false)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (schema is null) throw new ArgumentNullException(nameof(schema));
        var found = new List<SchemaMismatch>();
        Check(value, schema, new List<string>(), found, checkRequired, stopAtFirst);
        return found;
    }

    private static bool Check(PromptValue value, SchemaNode schema, List<string> path, List<SchemaMismatch> found, bool checkRequired, bool stopAtFirst)
    {
        bool Add(SchemaMismatchKind kind, PromptValue? offending, string? property, IReadOnlyList<string> at)
        {
            found.Add(new SchemaMismatch(kind, at, offending, schema, property));
            return !stopAtFirst;
        }

        if (!schema.AllowsAnyValue) return Add(SchemaMismatchKind.NotAllowed, value, null, path.ToList());
        if (value.Kind == PromptValueKind.Null && schema.NullableByBranch) return true;
        if (schema.DeclaredTypes.Count > 0 && !schema.DeclaredTypes.Any(type => SchemaTypeMatch.Fits(value, type)))
        {
            return Add(SchemaMismatchKind.WrongType, value, null, path.ToList());
        }

        if (schema.EnumValues.Count > 0 && !schema.EnumValues.Contains(value)) return Add(SchemaMismatchKind.NotInEnum, value, null, path.ToList());
        if (schema.Const is not null && !schema.Const.Equals(value)) return Add(SchemaMismatchKind.NotConst, value, null, path.ToList());

        if (value.Kind == PromptValueKind.Object && schema.Kind is SchemaKind.Object or SchemaKind.Map)
        {
            if (checkRequired)
            {
                foreach (var property in schema.Properties)
                {
                    if (!property.IsRequired || property.Default is not null || value.TryGetProperty(property.Name, out _)) continue;
                    if (!Add(SchemaMismatchKind.MissingRequired, null, property.Name, path.ToList())) return false;
                }
            }

            foreach (var entry in value.Properties)
            {
                path.Add(entry.Key);
                var keep = true;
                if (schema.FindProperty(entry.Key) is { } declared) keep = Check(entry.Value, declared.Type, path, found, checkRequired, stopAtFirst);
                else if (schema.AdditionalProperties is { } additional) keep = Check(entry.Value, additional, path, found, checkRequired, stopAtFirst);
                else if (!schema.AllowsUndeclaredProperties) keep = Add(SchemaMismatchKind.UndeclaredProperty, entry.Value, entry.Key, path.ToList());
                path.RemoveAt(path.Count - 1);
                if (!keep) return false;
            }
        }
        else if (value.Kind == PromptValueKind.Array && schema.Items is { } items)
        {
            for (var i = 0; i < value.Items.Count; i++)
            {
                path.Add(i.ToString(CultureInfo.InvariantCulture));
                var keep = Check(value.Items[i], items, path, found, checkRequired, stopAtFirst);
                path.RemoveAt(path.Count - 1);
                if (!keep) return false;
            }
        }

        return true;
    }
}
