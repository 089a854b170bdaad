using PromptGen.Language.Values;

namespace PromptGen.Evals.Assertions;

/// <summary>
/// <c>json-subset</c>: every key of an expected object is in the actual object with a matching value; every item of an
/// expected list matches some item of the actual list (order does not matter); scalars are equal.
/// </summary>
public static class JsonSubset
{
    private const int MaxDepth = 128;

    /// <summary>Whether <paramref name="expected"/> is contained in <paramref name="actual"/>; <paramref name="where"/> names the first difference.</summary>
    public static bool Contains(PromptValue actual, PromptValue expected, out string where) => Matches(actual, expected, "$", 0, out where);

    private static bool Matches(PromptValue actual, PromptValue expected, string path, int depth, out string where)
    {
        where = path;
        if (depth > MaxDepth) return false;
        switch (expected.Kind)
        {
            case PromptValueKind.Object:
                if (actual.Kind != PromptValueKind.Object) return false;
                foreach (var property in expected.Properties)
                {
                    var childPath = path + "." + property.Key;
                    if (!actual.TryGetProperty(property.Key, out var actualValue))
                    {
                        where = childPath;
                        return false;
                    }

                    if (!Matches(actualValue, property.Value, childPath, depth + 1, out where)) return false;
                }

                return true;
            case PromptValueKind.Array:
                if (actual.Kind != PromptValueKind.Array) return false;
                for (var i = 0; i < expected.Items.Count; i++)
                {
                    var item = expected.Items[i];
                    if (!actual.Items.Any(candidate => Matches(candidate, item, path, depth + 1, out _)))
                    {
                        where = $"{path}[{i}]";
                        return false;
                    }
                }

                return true;
            default:
                return actual.Equals(expected);
        }
    }
}
