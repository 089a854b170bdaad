namespace PromptGen.Language.Templates;

/// <summary>
/// The lists a syntax node keeps (parameters, hash pairs) as exact arrays: the parser fills growable lists, but parsed
/// templates are kept between builds by the compiler server, where a list object and its spare capacity per call site
/// add up. An empty list becomes the one shared empty array.
/// </summary>
internal static class NodeLists
{
    public static IReadOnlyList<T> Exact<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0) return Array.Empty<T>();
        if (items is T[] array) return array;
        var exact = new T[items.Count];
        for (var i = 0; i < exact.Length; i++) exact[i] = items[i];
        return exact;
    }
}
