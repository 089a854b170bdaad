using System.Text.Json.Nodes;
using PromptGen.Language.Binding;
using PromptGen.Language.Semantics;
using PromptGen.Language.Templates;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>
/// Completion in prompts (input fields at every scope, helpers and their arguments, partial names, frontmatter keys,
/// Picoschema types) and in eval files (case inputs, assertion paths).
/// </summary>
internal static class CompletionProvider
{
    private static readonly string[] s_dataVariables = { "@index", "@key", "@first", "@last", "@root" };

    public static JsonObject? Complete(DocumentContext context, (int Line, int Character) position)
    {
        var offset = context.OffsetOf(position);
        switch (context.Kind)
        {
            case DocumentKind.Eval:
                return EvalCompletion.Complete(context, offset);
            case DocumentKind.Partial:
                return CompleteTemplate(context, null, 0, offset);
            case DocumentKind.Prompt:
            {
                if (context.CompilePrompt() is not { } semantics) return null;
                var templateStart = semantics.Document.TemplateStart;
                if (offset < templateStart) return FrontmatterCompletion.Complete(context, semantics, offset);
                return CompleteTemplate(context, semantics, templateStart, offset);
            }

            default:
                return null;
        }
    }

    private static JsonObject? CompleteTemplate(DocumentContext context, PromptSemantics? semantics, int templateStart, int offset)
    {
        var text = context.Document.Text;
        var cursor = TemplateCursor.At(text, templateStart, offset);
        if (cursor is null || cursor.Part == MustachePart.None) return null;
        // Items replace the last segment of a path (after its last '.' or '/'), or the whole word.
        var segmentStart = cursor.WordStart + Math.Max(cursor.Word.LastIndexOf('.'), cursor.Word.LastIndexOf('/')) + 1;
        var items = new CompletionItems(context, segmentStart, offset);
        if (cursor.Part == MustachePart.PartialName)
        {
            var own = Language.Semantics.PartialFile.NameOf(context.Document.Path);
            foreach (var name in context.Workspace.Partials.Names.Where(n => n != own))
            {
                items.Add(name, Lsp.CompletionKind.File, context.Workspace.Partials.FindFile(name)?.Path);
            }

            return items.ToList();
        }

        if (cursor.Part == MustachePart.BlockHead)
        {
            foreach (var helper in KnownHelpers.BlockOnly) AddHelper(items, helper);
            return items.ToList();
        }

        var scope = semantics is null ? null : ScopeFor(context, semantics, cursor, offset);
        var root = semantics?.Input;
        var csharp = semantics?.Input is null ? null : CSharpTypes.For(semantics, context.Workspace.Settings.IntegerType);
        if (cursor.Part == MustachePart.Head && !cursor.Word.Contains('.') && !cursor.Word.Contains('/') && !cursor.Word.StartsWith("@", StringComparison.Ordinal))
        {
            foreach (var helper in KnownHelpers.Handlebars.Concat(KnownHelpers.Dotprompt).Where(h => !KnownHelpers.RequiresBlock(h))) AddHelper(items, helper);
        }

        if (cursor.Part == MustachePart.Argument && cursor.Helper is { } called && !cursor.Word.Contains('.'))
        {
            foreach (var literal in HelperSignatures.LiteralArguments(called)) items.Add(literal, Lsp.CompletionKind.Keyword, sortPrefix: "0");
            foreach (var key in KnownHelpers.HashArguments(called)) items.Add(key + "=", Lsp.CompletionKind.Property, $"{called} argument", sortPrefix: "1");
        }

        AddPaths(items, cursor.Word, scope, root, csharp);
        return items.ToList();
    }

    /// <summary>Offers what a path may continue with: fields of the scope (or of the object the typed prefix names), block parameters, data variables.</summary>
    private static void AddPaths(CompletionItems items, string word, TemplateScope? scope, SchemaNode? root, CSharpTypes? csharp)
    {
        var rest = word;
        var depth = 0;
        var isData = false;
        while (rest.StartsWith("../", StringComparison.Ordinal))
        {
            depth++;
            rest = rest.Substring(3);
        }

        if (rest.StartsWith("@", StringComparison.Ordinal))
        {
            if (!rest.Contains('.'))
            {
                foreach (var variable in s_dataVariables) items.Add(variable, Lsp.CompletionKind.Variable, "data variable", sortPrefix: "2");
                return;
            }

            isData = true;
            rest = rest.Substring(1);
        }
        else if (rest.StartsWith("this.", StringComparison.Ordinal) || rest.StartsWith("./", StringComparison.Ordinal))
        {
            rest = rest.Substring(rest[0] == 't' ? 5 : 2);
        }

        var parts = rest.Split('.', '/');
        if (root is null) return;
        if (scope is null)
        {
            // The template around the cursor does not parse: offer the input's fields.
            if (parts.Length == 1 && depth == 0 && !isData) items.AddFields(root, csharp);
            return;
        }

        if (parts.Length == 1 && !isData)
        {
            var target = scope;
            for (var i = 0; i < depth && target is not null; i++) target = target.Parent;
            items.AddFields(target?.Context, csharp);
            if (depth == 0)
            {
                foreach (var parameter in scope.BlockParameters) items.Add(parameter.Name, Lsp.CompletionKind.Variable, "block parameter: " + parameter.Type.Describe(), sortPrefix: "1");
                items.Add("this", Lsp.CompletionKind.Keyword, "the current context", sortPrefix: "3");
                if (word.Length == 0)
                {
                    foreach (var variable in s_dataVariables) items.Add(variable, Lsp.CompletionKind.Variable, "data variable", sortPrefix: "2");
                }
            }

            if (target?.Parent is not null) items.Add("../", Lsp.CompletionKind.Keyword, "the enclosing context", sortPrefix: "3");
            return;
        }

        var owner = ScopeLocator.Resolve(scope, root, isData, depth, parts, parts.Length - 1);
        items.AddFields(owner, csharp);
    }

    private static void AddHelper(CompletionItems items, string helper)
    {
        var signature = HelperSignatures.Of(helper);
        items.Add(helper, Lsp.CompletionKind.Function, signature?.Signature, signature?.Documentation, sortPrefix: "5");
    }

    /// <summary>
    /// The scope at the cursor. A template being typed often does not parse; the unfinished mustache is then blanked out
    /// (offsets unchanged) and the rest compiled again, so the blocks around the cursor still give their scopes.
    /// </summary>
    private static TemplateScope? ScopeFor(DocumentContext context, PromptSemantics semantics, TemplateCursor cursor, int offset)
    {
        if (!semantics.HasTemplateErrors) return ScopeLocator.At(semantics, offset);
        var text = context.Document.Text;
        var end = offset;
        var close = text.IndexOf("}}", offset, StringComparison.Ordinal);
        var nextOpen = text.IndexOf("{{", offset, StringComparison.Ordinal);
        if (close >= 0 && (nextOpen < 0 || close < nextOpen)) end = close + 2;
        var patched = text.Substring(0, cursor.MustacheStart) + new string(' ', end - cursor.MustacheStart) + text.Substring(end);
        var repaired = PromptCompiler.Compile(context.Document.Path, patched, context.Workspace.Partials);
        return repaired.HasTemplateErrors ? ScopeLocator.At(semantics, offset) : ScopeLocator.At(repaired, offset);
    }
}
