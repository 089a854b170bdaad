using System.Text.Json.Nodes;
using PromptGen.Language.Metadata;
using PromptGen.Language.Schemas;
using PromptGen.Language.Semantics;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>Completion in the frontmatter: known keys, the keys of <c>input</c>/<c>output</c>, and Picoschema types in schemas.</summary>
internal static class FrontmatterCompletion
{
    private static readonly string[] s_extensionKeys = { "csharp.class", "csharp.namespace" };
    private static readonly string[] s_picoschemaParentheticals = { "array", "object", "enum" };

    public static JsonObject? Complete(DocumentContext context, PromptSemantics semantics, int offset)
    {
        var text = context.Document.Text;
        var firstLineEnd = text.IndexOf('\n');
        if (firstLineEnd < 0 || offset <= firstLineEnd) return null; // on the opening ---
        var outline = YamlOutline.At(text, offset, firstLineEnd);
        var items = new CompletionItems(context, outline.WordStart, offset);
        var inSchema = outline.Ancestors.Count >= 2 && outline.Ancestors[1] == "schema" && outline.Ancestors[0] is "input" or "output";
        if (inSchema)
        {
            var openParen = outline.LineBeforeCursor.LastIndexOf('(');
            if (outline.InKey && openParen > outline.LineBeforeCursor.LastIndexOf(')'))
            {
                foreach (var type in s_picoschemaParentheticals) items.Add(type, Lsp.CompletionKind.TypeParameter, "Picoschema");
            }
            else if (!outline.InKey)
            {
                foreach (var type in Picoschema.ScalarTypes) items.Add(type, Lsp.CompletionKind.TypeParameter, "Picoschema type");
            }

            return items.ToList();
        }

        if (!outline.InKey)
        {
            if (outline.Ancestors.Count == 1 && outline.Ancestors[0] == "output" && outline.LineBeforeCursor.TrimStart().StartsWith("format", System.StringComparison.Ordinal))
            {
                items.Add("json", Lsp.CompletionKind.Keyword);
                items.Add("text", Lsp.CompletionKind.Keyword);
            }

            return items.ToList();
        }

        switch (outline.Ancestors.Count == 0 ? null : outline.Ancestors[outline.Ancestors.Count - 1])
        {
            case null:
                foreach (var key in FrontmatterKeys.Known) items.Add(key, Lsp.CompletionKind.Property, "frontmatter");
                foreach (var key in s_extensionKeys) items.Add(key, Lsp.CompletionKind.Property, "PromptGen extension");
                break;
            case "input":
                items.Add("schema", Lsp.CompletionKind.Property, "input schema (Picoschema or JSON Schema)");
                items.Add("default", Lsp.CompletionKind.Property, "default input values");
                break;
            case "output":
                items.Add("format", Lsp.CompletionKind.Property, "json or text");
                items.Add("schema", Lsp.CompletionKind.Property, "output schema (Picoschema or JSON Schema)");
                break;
            case "default" when outline.Ancestors.Count == 2 && outline.Ancestors[0] == "input":
                items.AddFields(semantics.Input, null);
                break;
        }

        return items.ToList();
    }
}
