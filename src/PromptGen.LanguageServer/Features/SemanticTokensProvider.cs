using System.Text.Json.Nodes;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>
/// Semantic tokens for templates, from the bound template: input fields, block parameters and data variables, helpers,
/// partial names, literals and comments. The TextMate grammar colours the rest.
/// </summary>
internal static class SemanticTokensProvider
{
    public static readonly IReadOnlyList<string> TokenTypes = new[] { "property", "variable", "parameter", "function", "keyword", "namespace", "string", "number", "comment" };

    public static readonly IReadOnlyList<string> TokenModifiers = new[] { "declaration", "readonly" };

    private const int Property = 0;
    private const int Variable = 1;
    private const int Parameter = 2;
    private const int Function = 3;
    private const int Keyword = 4;
    private const int Namespace = 5;
    private const int String = 6;
    private const int Number = 7;
    private const int Comment = 8;

    public static JsonObject? Tokens(DocumentContext context)
    {
        Template? template;
        if (context.Kind == DocumentKind.Prompt) template = context.CompilePrompt()?.Template;
        else if (context.Kind == DocumentKind.Partial) template = context.Workspace.Partials.Resolve(Language.Semantics.PartialFile.NameOf(context.Document.Path)!)?.Template;
        else return null;
        if (template is null) return new JsonObject { ["data"] = new JsonArray() };
        var tokens = new List<(SourceSpan Span, int Type)>();
        foreach (var scoped in TemplateWalker.Walk(template.Body))
        {
            switch (scoped.Node)
            {
                case CommentStatement comment:
                    tokens.Add((comment.Span, Comment));
                    break;
                case MustacheStatement { Call.Kind: not CallKind.Value } mustache:
                    tokens.Add((mustache.Path.Span, Function));
                    break;
                case BlockStatement block when block.Call.Kind != CallKind.Value:
                    tokens.Add((block.Path.Span, Keyword));
                    break;
                case SubExpression sub when sub.Call.Kind != CallKind.Value:
                    tokens.Add((sub.Path.Span, Function));
                    break;
                case PartialStatement include when include.StaticName is not null:
                    tokens.Add((include.Name.Span, Namespace));
                    break;
                case PartialBlockStatement partialBlock when partialBlock.StaticName is not null:
                    tokens.Add((partialBlock.Name.Span, Namespace));
                    break;
                case PathExpression path:
                    tokens.Add((path.Span, path.IsData ? Parameter : path.HeadIsBlockParameter ? Variable : Property));
                    break;
                case StringLiteral literal:
                    tokens.Add((literal.Span, String));
                    break;
                case NumberLiteral number:
                    tokens.Add((number.Span, Number));
                    break;
            }
        }

        // A helper's head is both a call and a path node: the call wins.
        var data = new JsonArray();
        int previousLine = 0, previousCharacter = 0;
        var seen = new HashSet<int>();
        foreach (var (span, type) in tokens.OrderBy(t => t.Span.Start).ThenBy(t => t.Type == Property || t.Type == Variable || t.Type == Parameter ? 1 : 0))
        {
            if (span.Length <= 0 || !seen.Add(span.Start)) continue;
            // LSP tokens are single-line: multi-line comments are cut at their first line.
            var line = span.StartLine - 1;
            var character = span.StartColumn - 1;
            var length = span.EndLine == span.StartLine ? span.EndColumn - span.StartColumn : template.Source.LineMap.GetLineStart(span.StartLine + 1) - span.Start - 1;
            if (length <= 0) continue;
            data.Add(line - previousLine);
            data.Add(line == previousLine ? character - previousCharacter : character);
            data.Add(length);
            data.Add(type);
            data.Add(0);
            previousLine = line;
            previousCharacter = character;
        }

        return new JsonObject { ["data"] = data };
    }
}
