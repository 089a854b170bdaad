namespace PromptGen;

/// <summary>One step of a JSON path: a property name, or an array index when <see cref="Name"/> is null.</summary>
internal readonly struct PathSegment(string? name, int index)
{
    public string? Name { get; } = name;

    public int Index { get; } = index;
}

/// <summary>
/// Renders JSON paths such as <c>$.items[0]['odd key']</c>, the one notation of paths in repair reports and in strict-read
/// failures; only when a path is asked for.
/// </summary>
internal static class JsonPathText
{
    public const string Root = "$";

    /// <summary>A copy of the current path, or null for the root (no allocation).</summary>
    public static PathSegment[]? Snapshot(List<PathSegment> path) => path.Count == 0 ? null : path.ToArray();

    public static string Render(PathSegment[]? segments) => segments is null ? Root : Render(segments, segments.Length);

    public static string Render(IReadOnlyList<PathSegment> segments, int count)
    {
        if (count == 0)
        {
            return Root;
        }

        var builder = new StringBuilder(Root, 32);
        for (var i = 0; i < count; i++)
        {
            var segment = segments[i];
            if (segment.Name is null)
            {
                builder.Append('[').Append(segment.Index).Append(']');
            }
            else if (IsIdentifier(segment.Name))
            {
                builder.Append('.').Append(segment.Name);
            }
            else
            {
                builder.Append("['").Append(segment.Name.Replace("\\", "\\\\").Replace("'", "\\'")).Append("']");
            }
        }

        return builder.ToString();
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '$'))
            {
                return false;
            }
        }

        return true;
    }
}
