using System.Text.Json.Nodes;
using PromptGen.LanguageServer.Commands;
using PromptGen.LanguageServer.Features;

namespace PromptGen.LanguageServer.Protocol;

/// <summary>The <c>initialize</c> result: what the server offers.</summary>
internal static class Capabilities
{
    /// <summary>The document requests the server answers (besides the lifecycle and workspace/executeCommand).</summary>
    public static readonly System.Collections.Generic.HashSet<string> Requests = new(System.StringComparer.Ordinal)
    {
        "textDocument/completion", "textDocument/hover", "textDocument/definition", "textDocument/prepareRename", "textDocument/rename",
        "textDocument/semanticTokens/full", "textDocument/codeAction", "textDocument/codeLens",
    };

    public static JsonObject Initialize() => new()
    {
        ["capabilities"] = new JsonObject
        {
            ["positionEncoding"] = "utf-16",
            ["textDocumentSync"] = new JsonObject { ["openClose"] = true, ["change"] = 2, ["save"] = new JsonObject { ["includeText"] = false } },
            ["completionProvider"] = new JsonObject
            {
                ["triggerCharacters"] = new JsonArray("{", ".", "/", "@", ">", "#", " ", ":", "("),
            },
            ["hoverProvider"] = true,
            ["definitionProvider"] = true,
            ["renameProvider"] = new JsonObject { ["prepareProvider"] = true },
            ["codeActionProvider"] = new JsonObject { ["codeActionKinds"] = new JsonArray("quickfix") },
            ["codeLensProvider"] = new JsonObject { ["resolveProvider"] = false },
            ["executeCommandProvider"] = new JsonObject { ["commands"] = new JsonArray(EvalCommands.RenderCase, EvalCommands.RunCase) },
            ["semanticTokensProvider"] = new JsonObject
            {
                ["legend"] = new JsonObject
                {
                    ["tokenTypes"] = new JsonArray(SemanticTokensProvider.TokenTypes.Select(t => (JsonNode?)t).ToArray()),
                    ["tokenModifiers"] = new JsonArray(SemanticTokensProvider.TokenModifiers.Select(t => (JsonNode?)t).ToArray()),
                },
                ["full"] = true,
            },
        },
        ["serverInfo"] = new JsonObject { ["name"] = "promptgen", ["version"] = typeof(Capabilities).Assembly.GetName().Version?.ToString() ?? "0" },
    };
}
