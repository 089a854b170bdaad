using System.Globalization;
using PromptGen.Language.Values;

namespace PromptGen.Language.Evals;

/// <summary>
/// A path into a prompt's typed output, written with the JSON (wire) names: <c>category</c>, <c>customer.email</c>,
/// <c>items[0].name</c> or <c>items.0.name</c>. Segments are property names or list indexes.
/// </summary>
public sealed class EvalPath
{
    private EvalPath(string text, IReadOnlyList<EvalPathSegment> segments)
    {
        Text = text;
        Segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    public IReadOnlyList<EvalPathSegment> Segments { get; }

    /// <summary>Parses a path; returns <c>null</c> and a reason when it is malformed (empty segment, unclosed bracket, ...).</summary>
    public static EvalPath? TryParse(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the path is empty";
            return null;
        }

        var segments = new List<EvalPathSegment>();
        var i = 0;
        var needSegment = true;
        while (i < text.Length)
        {
            if (text[i] == '[' && (!needSegment || segments.Count == 0 && i == 0))
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = "'[' is never closed";
                    return null;
                }

                var digits = text.Substring(i + 1, close - i - 1);
                if (!IsIndex(digits))
                {
                    error = $"'[{digits}]' is not a list index (write a number, e.g. [0])";
                    return null;
                }

                segments.Add(EvalPathSegment.ForIndex(int.Parse(digits, CultureInfo.InvariantCulture)));
                i = close + 1;
                needSegment = false;
            }
            else if (needSegment)
            {
                var start = i;
                while (i < text.Length && text[i] != '.' && text[i] != '[' && text[i] != ']') i++;
                if (i == start)
                {
                    error = "the path has an empty segment (two dots in a row, or a dot at the start or end)";
                    return null;
                }

                var name = text.Substring(start, i - start);
                segments.Add(IsIndex(name) ? EvalPathSegment.ForIndexOrName(name) : EvalPathSegment.ForName(name));
                needSegment = false;
            }
            else if (text[i] == '.')
            {
                i++;
                needSegment = true;
            }
            else
            {
                error = $"unexpected '{text[i]}' at position {i + 1}";
                return null;
            }
        }

        if (needSegment)
        {
            error = "the path has an empty segment (two dots in a row, or a dot at the start or end)";
            return null;
        }

        return new EvalPath(text, segments);
    }

    /// <summary>The value at this path, or <c>null</c> (undefined) when some segment does not exist.</summary>
    public PromptValue? Evaluate(PromptValue? root)
    {
        var current = root;
        foreach (var segment in Segments)
        {
            if (current is null) return null;
            current = segment.Select(current);
        }

        return current;
    }

    /// <summary>The path up to (not including) segment <paramref name="count"/>, as text for messages.</summary>
    public string Prefix(int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count && i < Segments.Count; i++)
        {
            var segment = Segments[i];
            if (segment.IsIndex) builder.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else
            {
                if (builder.Length > 0) builder.Append('.');
                builder.Append(segment.Name);
            }
        }

        return builder.ToString();
    }

    public override string ToString() => Text;

    private static bool IsIndex(string text)
    {
        if (text.Length == 0 || text.Length > 9) return false;
        foreach (var c in text)
        {
            if (c < '0' || c > '9') return false;
        }

        return true;
    }
}

/// <summary>One step of an <see cref="EvalPath"/>.</summary>
public sealed class EvalPathSegment
{
    private EvalPathSegment(string name, int index, bool isIndex, bool mayBeName)
    {
        Name = name;
        Index = index;
        IsIndex = isIndex;
        MayBeName = mayBeName;
    }

    /// <summary>The property name (for an index written as <c>.0</c>, the digits).</summary>
    public string Name { get; }

    public int Index { get; }

    /// <summary>True for <c>[0]</c> and for an all-digit dotted segment such as <c>.0</c>.</summary>
    public bool IsIndex { get; }

    /// <summary>True for an all-digit dotted segment, which selects a property of that name on an object.</summary>
    public bool MayBeName { get; }

    internal static EvalPathSegment ForName(string name) => new(name, -1, false, true);

    internal static EvalPathSegment ForIndex(int index) => new(index.ToString(CultureInfo.InvariantCulture), index, true, false);

    internal static EvalPathSegment ForIndexOrName(string digits) => new(digits, int.Parse(digits, CultureInfo.InvariantCulture), true, true);

    /// <summary>Selects this segment from <paramref name="value"/>; <c>null</c> when absent.</summary>
    public PromptValue? Select(PromptValue value)
    {
        if (value.Kind == PromptValueKind.Object) return MayBeName ? value[Name] : null;
        if (value.Kind == PromptValueKind.Array && IsIndex) return Index < value.Items.Count ? value.Items[Index] : null;
        return null;
    }

    public override string ToString() => IsIndex && !MayBeName ? $"[{Index}]" : Name;
}
