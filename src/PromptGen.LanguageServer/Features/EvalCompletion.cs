using System.Text.Json.Nodes;
using PromptGen.Language.Semantics;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>Completion in eval files: a case's input fields (from the prompt's input schema) and assertion <c>path:</c> values (from its output schema).</summary>
internal static class EvalCompletion
{
    public static JsonObject? Complete(DocumentContext context, int offset)
    {
        var (_, prompt) = context.Workspace.LoadEval(context.Document.Path);
        if (prompt is null) return null;
        var text = context.Document.Text;
        var outline = YamlOutline.At(text, offset);
        var line = outline.LineBeforeCursor;

        // { path: summary.tex| }  or  path: summary.tex|
        var pathKey = line.LastIndexOf("path:", StringComparison.Ordinal);
        if (pathKey >= 0 && line.IndexOf(',', pathKey) < 0 && line.IndexOf('}', pathKey) < 0)
        {
            var typed = line.Substring(pathKey + 5).TrimStart().Trim('"', '\'');
            var dot = typed.LastIndexOf('.');
            var items = new CompletionItems(context, offset - (typed.Length - dot - 1), offset);
            var owner = prompt.Output;
            if (dot > 0)
            {
                foreach (var segment in typed.Substring(0, dot).Split('.'))
                {
                    var name = segment.Contains('[') ? segment.Substring(0, segment.IndexOf('[')) : segment;
                    owner = owner is null ? null : ScopeLocator.Member(owner, name);
                    if (segment.Contains('[') && owner?.Kind == SchemaKind.Array) owner = owner.Items;
                }
            }

            items.AddFields(owner, null);
            return items.ToList();
        }

        // input: { ticket: "...", | }  on one line
        var inputKey = line.LastIndexOf("input:", StringComparison.Ordinal);
        if (inputKey >= 0 && line.IndexOf('{', inputKey) >= 0 && line.IndexOf('}', inputKey) < 0 && IsKeyPosition(line))
        {
            var items = new CompletionItems(context, outline.WordStart, offset);
            items.AddFields(prompt.Input, null);
            return items.ToList();
        }

        var inputIndex = outline.Ancestors.ToList().LastIndexOf("input");
        if (outline.InKey && inputIndex >= 1 && outline.Ancestors[inputIndex - 1] == "-" && outline.Ancestors.Take(inputIndex).Contains("cases"))
        {
            var owner = prompt.Input;
            foreach (var nested in outline.Ancestors.Skip(inputIndex + 1)) owner = owner is null || nested == "-" ? owner?.Items : ScopeLocator.Member(owner, nested);
            var items = new CompletionItems(context, outline.WordStart, offset);
            items.AddFields(owner, null);
            return items.ToList();
        }

        return null;
    }

    /// <summary>True when the text before the cursor in a flow mapping is at a key (after <c>{</c> or <c>,</c>).</summary>
    private static bool IsKeyPosition(string line)
    {
        var lastOpen = Math.Max(line.LastIndexOf('{'), line.LastIndexOf(','));
        return line.IndexOf(':', lastOpen + 1) < 0;
    }
}
