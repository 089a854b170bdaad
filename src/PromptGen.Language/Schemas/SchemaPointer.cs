namespace PromptGen.Language.Schemas;

/// <summary>JSON Pointer helpers (RFC 6901) for addressing parts of a schema.</summary>
public static class SchemaPointer
{
    public static string Append(string pointer, string segment)
    {
        // Most segments (field names, "properties", "items") need no escaping: one concatenation, no builder.
        if (segment.IndexOf('~') < 0 && segment.IndexOf('/') < 0) return string.Concat(pointer, "/", segment);
        var builder = new StringBuilder(pointer.Length + segment.Length + 1).Append(pointer).Append('/');
        foreach (var c in segment)
        {
            if (c == '~') builder.Append("~0");
            else if (c == '/') builder.Append("~1");
            else builder.Append(c);
        }

        return builder.ToString();
    }

    public static string Parent(string pointer)
    {
        var slash = pointer.LastIndexOf('/');
        return slash <= 0 ? string.Empty : pointer.Substring(0, slash);
    }

    internal static bool TryFindNearest<T>(IReadOnlyDictionary<string, T> map, string pointer, out T value)
    {
        while (true)
        {
            if (map.TryGetValue(pointer, out value!)) return true;
            if (pointer.Length == 0) return false;
            pointer = Parent(pointer);
        }
    }
}
