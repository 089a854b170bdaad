using System.Text.Json.Nodes;
using PromptGen.Language.Text;

namespace PromptGen.LanguageServer.Protocol;

/// <summary>Builders and readers for the LSP structures the server uses (positions and ranges are 0-based, UTF-16).</summary>
internal static class Lsp
{
    public static JsonObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    public static JsonObject Range(int startLine, int startCharacter, int endLine, int endCharacter) =>
        new() { ["start"] = Position(startLine, startCharacter), ["end"] = Position(endLine, endCharacter) };

    /// <summary>A range from the language core's span (1-based lines and UTF-16 columns).</summary>
    public static JsonObject Range(SourceSpan span) => Range(span.StartLine - 1, span.StartColumn - 1, span.EndLine - 1, span.EndColumn - 1);

    public static JsonObject Location(string uri, JsonObject range) => new() { ["uri"] = uri, ["range"] = range };

    public static JsonObject TextEdit(JsonObject range, string newText) => new() { ["range"] = range, ["newText"] = newText };

    public static JsonObject Markdown(string value) => new() { ["kind"] = "markdown", ["value"] = value };

    public static string Uri(JsonNode? parameters) => RequiredString(parameters?["textDocument"], "uri", "textDocument.uri");

    /// <summary>The string <paramref name="name"/> of <paramref name="node"/>; InvalidParams, naming <paramref name="path"/>, when it is missing.</summary>
    public static string RequiredString(JsonNode? node, string name, string? path = null) =>
        node?[name]?.GetValue<string>() ?? throw new LspException(LspException.InvalidParams, $"{path ?? name} is required.");

    public static (int Line, int Character) ReadPosition(JsonNode? position)
    {
        if (position is null) throw new LspException(LspException.InvalidParams, "position is required.");
        return (position["line"]?.GetValue<int>() ?? 0, position["character"]?.GetValue<int>() ?? 0);
    }

    public static class CompletionKind
    {
        public const int Method = 2;
        public const int Function = 3;
        public const int Field = 5;
        public const int Variable = 6;
        public const int Property = 10;
        public const int Keyword = 14;
        public const int Snippet = 15;
        public const int File = 17;
        public const int TypeParameter = 25;
    }

    public static class Severity
    {
        public const int Error = 1;
        public const int Warning = 2;
        public const int Information = 3;
        public const int Hint = 4;
    }
}
