using System.Text.Json.Nodes;
using PromptGen.Language.Templates;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>Hover on a template variable (its schema type, C# type and description), a helper or a partial.</summary>
internal static class HoverProvider
{
    public static JsonObject? Hover(DocumentContext context, (int Line, int Character) position)
    {
        var semantics = context.CompilePrompt();
        if (semantics?.Binding is not { } binding) return null;
        var offset = context.OffsetOf(position);
        if (TemplateSymbols.PartialAt(semantics.Template, offset) is { } partial)
        {
            var file = context.Workspace.Partials.FindFile(partial.Name);
            return Result(file is null ? $"Partial `{partial.Name}`: not found" : $"Partial `{partial.Name}`\n\n{file.Path}", partial.Span);
        }

        if (semantics.Input is { } root && TemplateSymbols.At(semantics.Template, binding, root, offset) is { } symbol)
        {
            var text = new StringBuilder();
            var name = string.Join(".", System.Linq.Enumerable.Take(symbol.Path.Parts, symbol.Index + 1));
            text.Append("```\n").Append(name).Append(": ").Append(symbol.Type?.Describe() ?? "undeclared").Append("\n```");
            if (symbol.Type is { } type && CSharpTypes.For(semantics, context.Workspace.Settings.IntegerType).Of(type) is { } csharp)
            {
                var property = symbol.Owner is null ? null : CSharpTypes.For(semantics, context.Workspace.Settings.IntegerType).PropertyName(symbol.Owner, symbol.Path.Parts[symbol.Index]);
                text.Append("\n\nC#: `").Append(csharp).Append(property is null ? string.Empty : " " + property).Append('`');
            }

            if (symbol.Field is { } field)
            {
                if (!field.IsRequired) text.Append("\n\nOptional.");
                if (field.Type.Description is { Length: > 0 } description) text.Append("\n\n").Append(description);
            }

            return Result(text.ToString(), symbol.Span);
        }

        foreach (var scoped in TemplateWalker.Walk(semantics.Template.Body))
        {
            var (call, head) = scoped.Node switch
            {
                MustacheStatement m => (m.Call, m.Path),
                BlockStatement b => (b.Call, b.Path),
                SubExpression s => (s.Call, s.Path),
                _ => (CallTarget.Value, null),
            };
            if (head is null || call.Kind == CallKind.Value || offset < head.Span.Start || offset > head.Span.End) continue;
            if (call.Helper is { } helper && HelperSignatures.Of(helper) is { } signature)
            {
                return Result($"```handlebars\n{signature.Signature}\n```\n\n{signature.Documentation}", head.Span);
            }
        }

        return null;
    }

    private static JsonObject Result(string markdown, Language.Text.SourceSpan span) =>
        new() { ["contents"] = Lsp.Markdown(markdown), ["range"] = Lsp.Range(span) };
}
