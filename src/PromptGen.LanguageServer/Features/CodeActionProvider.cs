using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>Quick fixes for the diagnostics that carry a did-you-mean suggestion: replace the misspelt name with the suggestion.</summary>
internal static class CodeActionProvider
{
    private static readonly Regex s_suggestion = new(@"[Dd]id you mean [`'""]([^`'""]+)[`'""]\?", RegexOptions.CultureInvariant);

    public static JsonArray Actions(DocumentContext context, JsonNode? parameters)
    {
        var actions = new JsonArray();
        foreach (var diagnostic in parameters?["context"]?["diagnostics"]?.AsArray() ?? new JsonArray())
        {
            if (diagnostic?["message"]?.GetValue<string>() is not { } message) continue;
            var match = s_suggestion.Match(message);
            if (!match.Success) continue;
            var range = diagnostic["range"]!;
            var (startLine, startCharacter) = Lsp.ReadPosition(range["start"]);
            var (endLine, endCharacter) = Lsp.ReadPosition(range["end"]);
            var start = context.OffsetOf(startLine, startCharacter);
            var end = context.OffsetOf(endLine, endCharacter);
            var current = context.Document.Text.Substring(start, end - start);
            var suggestion = match.Groups[1].Value;

            // Only a range that is exactly one name is replaced; anything wider would lose text.
            if (current.Length == 0 || current.Any(c => char.IsWhiteSpace(c) || c is '{' or '}' or ':' or ',')) continue;
            actions.Add(new JsonObject
            {
                ["title"] = $"Change '{current}' to '{suggestion}'",
                ["kind"] = "quickfix",
                ["isPreferred"] = true,
                ["diagnostics"] = new JsonArray(diagnostic.DeepClone()),
                ["edit"] = new JsonObject
                {
                    ["changes"] = new JsonObject
                    {
                        [context.Document.Uri] = new JsonArray(Lsp.TextEdit(Lsp.Range(startLine, startCharacter, endLine, endCharacter), suggestion)),
                    },
                },
            });
        }

        return actions;
    }
}
