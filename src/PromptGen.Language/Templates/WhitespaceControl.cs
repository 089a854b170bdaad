using PromptGen.Language.Text;

namespace PromptGen.Language.Templates;

/// <summary>
/// Handlebars' whitespace control, rule for rule: <c>~</c> strips all adjacent whitespace, and tags alone on
/// their line ("standalone" blocks, else, comments, partials) take that line's indentation and line break with them.
/// </summary>
internal static class WhitespaceControl
{
    private struct BlockStrip
    {
        public bool Open;
        public bool Close;
        public bool OpenStandalone;
        public bool CloseStandalone;
        public bool InlineStandalone;
    }

    public static void Apply(TemplateProgram root) => VisitProgram(root, isRoot: true);

    private static void VisitProgram(TemplateProgram program, bool isRoot)
    {
        StackGuard.Check();
        var body = program.StatementList;
        for (var i = 0; i < body.Count; i++)
        {
            var current = body[i];
            BlockStrip strip;
            switch (current)
            {
                case MustacheStatement mustache:
                    strip = new BlockStrip { Open = mustache.Strip.Open, Close = mustache.Strip.Close };
                    break;
                case BlockStatement block:
                    strip = VisitBlock(block.Program, block.Inverse, block.OpenStrip, block.InverseStrip, block.CloseStrip);
                    break;
                case PartialBlockStatement partialBlock:
                    strip = VisitBlock(partialBlock.Program, null, partialBlock.OpenStrip, default, partialBlock.CloseStrip);
                    break;
                case PartialStatement partial:
                    strip = new BlockStrip { InlineStandalone = true, Open = partial.Strip.Open, Close = partial.Strip.Close };
                    break;
                case CommentStatement comment:
                    strip = new BlockStrip { InlineStandalone = true, Open = comment.Strip.Open, Close = comment.Strip.Close };
                    break;
                default:
                    continue;
            }

            var prevWhitespace = IsPrevWhitespace(body, i, isRoot);
            var nextWhitespace = IsNextWhitespace(body, i, isRoot);
            var openStandalone = strip.OpenStandalone && prevWhitespace;
            var closeStandalone = strip.CloseStandalone && nextWhitespace;
            var inlineStandalone = strip.InlineStandalone && prevWhitespace && nextWhitespace;

            if (strip.Close) OmitRight(body, i, true);
            if (strip.Open) OmitLeft(body, i, true);

            if (inlineStandalone)
            {
                OmitRight(body, i, false);
                if (OmitLeft(body, i, false) && current is PartialStatement standalonePartial)
                {
                    standalonePartial.Indent = TrailingIndent(((ContentStatement)body[i - 1]).Original);
                }
            }

            if (openStandalone)
            {
                var (first, _) = Programs(current);
                if (first is not null) OmitRightFirst(first.StatementList, false);
                OmitLeft(body, i, false);
            }

            if (closeStandalone)
            {
                OmitRight(body, i, false);
                var (_, last) = Programs(current);
                if (last is not null) OmitLeftLast(last.StatementList, false);
            }
        }
    }

    /// <summary>(program || inverse, inverse || program) as Handlebars picks them for standalone stripping.</summary>
    private static (TemplateProgram? First, TemplateProgram? Last) Programs(Statement statement) => statement switch
    {
        BlockStatement block => (block.Program ?? block.Inverse, block.Inverse ?? block.Program),
        PartialBlockStatement partialBlock => (partialBlock.Program, partialBlock.Program),
        _ => (null, null),
    };

    private static BlockStrip VisitBlock(TemplateProgram? blockProgram, TemplateProgram? blockInverse, StripFlags openStrip, StripFlags inverseStripFlags, StripFlags closeStrip)
    {
        if (blockProgram is not null) VisitProgram(blockProgram, false);
        if (blockInverse is not null) VisitProgram(blockInverse, false);

        var program = (blockProgram ?? blockInverse)!;
        var inverse = blockProgram is not null ? blockInverse : null;
        var firstInverse = inverse;
        var lastInverse = inverse;
        if (inverse is { Chained: true })
        {
            firstInverse = ((BlockStatement)inverse.StatementList[0]).Program;
            while (lastInverse is { Chained: true })
            {
                var chained = (BlockStatement)lastInverse.StatementList[lastInverse.StatementList.Count - 1];
                lastInverse = chained.Program;
            }
        }

        var strip = new BlockStrip
        {
            Open = openStrip.Open,
            Close = closeStrip.Close,
            OpenStandalone = IsNextWhitespace(program.StatementList, -1, false),
            CloseStandalone = IsPrevWhitespace((firstInverse ?? program).StatementList, (firstInverse ?? program).StatementList.Count, false),
        };

        if (openStrip.Close) OmitRightFirst(program.StatementList, true);

        if (inverse is not null)
        {
            if (inverseStripFlags.Open) OmitLeftLast(program.StatementList, true);
            if (inverseStripFlags.Close && firstInverse is not null) OmitRightFirst(firstInverse.StatementList, true);
            if (closeStrip.Open && lastInverse is not null) OmitLeftLast(lastInverse.StatementList, true);

            // A standalone {{else}}.
            if (firstInverse is not null &&
                IsPrevWhitespace(program.StatementList, program.StatementList.Count, false) &&
                IsNextWhitespace(firstInverse.StatementList, -1, false))
            {
                OmitLeftLast(program.StatementList, false);
                OmitRightFirst(firstInverse.StatementList, false);
            }
        }
        else if (closeStrip.Open)
        {
            OmitLeftLast(program.StatementList, true);
        }

        return strip;
    }

    private static bool IsPrevWhitespace(List<Statement> body, int i, bool isRoot)
    {
        if (i - 1 < 0) return isRoot;
        if (body[i - 1] is not ContentStatement previous) return false;
        var hasSibling = i - 2 >= 0;
        var text = previous.Original;
        if (!hasSibling && isRoot && JsText.IsBlank(text)) return true;
        return TrailingWhitespaceHasNewline(text);
    }

    private static bool IsNextWhitespace(List<Statement> body, int i, bool isRoot)
    {
        if (i + 1 >= body.Count) return isRoot;
        if (body[i + 1] is not ContentStatement next) return false;
        var hasSibling = i + 2 < body.Count;
        var text = next.Original;
        if (!hasSibling && isRoot && JsText.IsBlank(text)) return true;
        return LeadingWhitespaceHasNewline(text);
    }

    private static bool TrailingWhitespaceHasNewline(string text)
    {
        for (var k = text.Length - 1; k >= 0 && JsText.IsWhiteSpace(text[k]); k--)
        {
            if (text[k] == '\n') return true;
        }

        return false;
    }

    private static bool LeadingWhitespaceHasNewline(string text)
    {
        for (var k = 0; k < text.Length && JsText.IsWhiteSpace(text[k]); k++)
        {
            if (text[k] == '\n') return true;
        }

        return false;
    }

    private static void OmitRight(List<Statement> body, int i, bool multiple)
    {
        if (i + 1 < body.Count) OmitRightAt(body[i + 1], multiple);
    }

    private static void OmitRightFirst(List<Statement> body, bool multiple)
    {
        if (body.Count > 0) OmitRightAt(body[0], multiple);
    }

    private static void OmitRightAt(Statement statement, bool multiple)
    {
        if (statement is not ContentStatement current || (!multiple && current.RightStripped)) return;
        var value = current.Value;
        var k = 0;
        if (multiple)
        {
            while (k < value.Length && JsText.IsWhiteSpace(value[k])) k++;
        }
        else
        {
            // ^[ \t]*\r?\n?
            while (k < value.Length && (value[k] == ' ' || value[k] == '\t')) k++;
            if (k < value.Length && value[k] == '\r') k++;
            if (k < value.Length && value[k] == '\n') k++;
        }

        current.StripStart(k);
        current.RightStripped = k > 0;
    }

    private static bool OmitLeft(List<Statement> body, int i, bool multiple) => i - 1 >= 0 && OmitLeftAt(body[i - 1], multiple);

    private static bool OmitLeftLast(List<Statement> body, bool multiple) => body.Count > 0 && OmitLeftAt(body[body.Count - 1], multiple);

    private static bool OmitLeftAt(Statement statement, bool multiple)
    {
        if (statement is not ContentStatement current || (!multiple && current.LeftStripped)) return false;
        var value = current.Value;
        var end = value.Length;
        if (multiple)
        {
            while (end > 0 && JsText.IsWhiteSpace(value[end - 1])) end--;
        }
        else
        {
            while (end > 0 && (value[end - 1] == ' ' || value[end - 1] == '\t')) end--;
        }

        current.StripEnd(end);
        current.LeftStripped = end < value.Length;
        return current.LeftStripped;
    }

    private static string TrailingIndent(string original)
    {
        var end = original.Length;
        var start = end;
        while (start > 0 && (original[start - 1] == ' ' || original[start - 1] == '\t')) start--;
        return original.Substring(start, end - start);
    }
}
