using PromptGen.Language.Templates;
using PromptGen.Language.Text;

namespace PromptGen.Language.Binding;

/// <summary>Finds where each part of a path expression is written, so a diagnostic can point at <c>nmae</c> in <c>customer.nmae</c>.</summary>
internal static class PathSegments
{
    /// <summary>The span of <c>path.Parts[index]</c>, or the whole path when it cannot be found.</summary>
    public static SourceSpan Locate(Template template, PathExpression path, int index)
    {
        var text = template.Source.FileText;
        var start = path.Span.Start;
        var end = path.Span.End;
        if (start < 0 || end > text.Length || start >= end) return path.Span;
        var position = start;
        if (position < end && text[position] == '@') position++;
        var found = new List<(int Start, int End)>();
        while (position < end && found.Count <= index)
        {
            var c = text[position];
            if (c is '.' or '/')
            {
                position++;
                continue;
            }

            int segmentStart;
            int segmentEnd;
            if (c == '[')
            {
                var close = text.IndexOf(']', position + 1);
                if (close < 0 || close >= end) return path.Span;
                segmentStart = position + 1;
                segmentEnd = close;
                position = close + 1;
            }
            else
            {
                segmentStart = position;
                while (position < end && text[position] is not '.' and not '/') position++;
                segmentEnd = position;
            }

            var segment = text.Substring(segmentStart, segmentEnd - segmentStart);
            if (c != '[' && (segment == ".." || segment == "this" || segment == ".")) continue;
            found.Add((segmentStart, segmentEnd));
        }

        if (index >= found.Count) return path.Span;
        return template.Source.LineMap.GetSpan(found[index].Start, found[index].End);
    }
}
