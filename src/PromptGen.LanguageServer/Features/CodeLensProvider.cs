using System.Text.Json.Nodes;
using PromptGen.LanguageServer.Commands;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>
/// Code lenses: on each eval case, "Render with this case's input" and "Run this case"; on the eval file's first line and
/// on a prompt that has eval files, "Run all cases".
/// </summary>
internal static class CodeLensProvider
{
    public static JsonArray? Lenses(DocumentContext context)
    {
        var lenses = new JsonArray();
        if (context.Kind == DocumentKind.Eval)
        {
            var (file, _) = context.Workspace.LoadEval(context.Document.Path);
            lenses.Add(Lens(0, "Run all cases", EvalCommands.RunCase, context.Document.Uri, null));
            foreach (var evalCase in file.Cases.Where(c => c.Id is not null))
            {
                var line = evalCase.IdSpan.StartLine - 1;
                lenses.Add(Lens(line, "Render with this case's input", EvalCommands.RenderCase, context.Document.Uri, evalCase.Id));
                lenses.Add(Lens(line, "Run this case", EvalCommands.RunCase, context.Document.Uri, evalCase.Id));
            }
        }
        else if (context.Kind == DocumentKind.Prompt)
        {
            foreach (var evalPath in context.Workspace.EvalPaths)
            {
                var (file, prompt) = context.Workspace.LoadEval(evalPath);
                if (prompt is null || Path.GetFullPath(prompt.Path) != context.Document.Path) continue;
                lenses.Add(Lens(0, $"Run {file.Cases.Count} eval case(s) of {Path.GetFileName(evalPath)}", EvalCommands.RunCase, DocumentUris.FromPath(evalPath), null));
            }
        }

        return lenses;
    }

    private static JsonObject Lens(int line, string title, string command, string uri, string? caseId) => new()
    {
        ["range"] = Lsp.Range(line, 0, line, 0),
        ["command"] = new JsonObject
        {
            ["title"] = title,
            ["command"] = command,
            ["arguments"] = caseId is null ? new JsonArray(uri) : new JsonArray(uri, caseId),
        },
    };
}
