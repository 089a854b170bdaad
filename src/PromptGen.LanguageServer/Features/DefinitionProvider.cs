using System.Text.Json.Nodes;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>Go to definition: a template variable to its field in the input schema; <c>{{&gt; name}}</c> to the partial's file.</summary>
internal static class DefinitionProvider
{
    public static JsonNode? Define(DocumentContext context, (int Line, int Character) position)
    {
        if (context.CompilePrompt() is not { } semantics) return null;
        var offset = context.OffsetOf(position);
        if (TemplateSymbols.PartialAt(semantics.Template, offset) is { } partial)
        {
            var file = context.Workspace.Partials.FindFile(partial.Name);
            return file is null || file.Path.Length == 0 ? null : Lsp.Location(DocumentUris.FromPath(file.Path), Lsp.Range(0, 0, 0, 0));
        }

        if (semantics.Binding is not { } binding || semantics.Input is not { } root) return null;
        var symbol = TemplateSymbols.At(semantics.Template, binding, root, offset);
        if (symbol?.Field?.KeySpan is not { } declaration) return null;
        return Lsp.Location(context.Document.Uri, Lsp.Range(declaration));
    }
}
