using System.Text.Json.Nodes;
using PromptGen.Language.Text;
using PromptGen.LanguageServer.Protocol;

namespace PromptGen.LanguageServer.Workspace;

/// <summary>Applies one <c>TextDocumentContentChangeEvent</c>: a whole new text, or a range (UTF-16 positions) replaced.</summary>
internal static class TextChanges
{
    public static string Apply(string text, JsonNode? change)
    {
        var newText = change?["text"]?.GetValue<string>() ?? string.Empty;
        var range = change?["range"];
        if (range is null) return newText;
        var lines = new LineMap(text);
        var (startLine, startCharacter) = Lsp.ReadPosition(range["start"]);
        var (endLine, endCharacter) = Lsp.ReadPosition(range["end"]);
        var start = DocumentPositions.ToOffset(text, lines, startLine, startCharacter);
        var end = DocumentPositions.ToOffset(text, lines, endLine, endCharacter);
        if (end < start) (start, end) = (end, start);
        return text.Substring(0, start) + newText + text.Substring(end);
    }
}
