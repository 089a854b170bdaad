using PromptGen.Language.Text;

namespace PromptGen.LanguageServer.Workspace;

/// <summary>
/// LSP positions (0-based line, UTF-16 code unit in the line) to and from string offsets. .NET strings are UTF-16, so a
/// character count is a string index: an emoji counts two, as LSP's default position encoding says.
/// </summary>
internal static class DocumentPositions
{
    public static int ToOffset(string text, LineMap lines, int line, int character)
    {
        if (line < 0) return 0;
        if (line >= lines.LineCount) return text.Length;
        var start = lines.GetLineStart(line + 1);
        var end = line + 1 < lines.LineCount ? lines.GetLineStart(line + 2) : text.Length;
        // The position may not point past the line's terminator.
        while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r')) end--;
        return Math.Min(start + Math.Max(0, character), end);
    }

    public static (int Line, int Character) ToPosition(LineMap lines, int offset)
    {
        lines.GetPosition(offset, out var line, out var column);
        return (line - 1, column - 1);
    }
}
