using System.Text.Json.Nodes;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Commands;

/// <summary>
/// The commands behind the eval code lenses. Render: the case's input through the run-time renderer (what
/// <c>promptgen render</c> prints). Run: the case through the host's eval runner (recordings replayed by default).
/// </summary>
internal static class EvalCommands
{
    public const string RenderCase = "promptgen.renderCase";
    public const string RunCase = "promptgen.runCase";

    /// <summary>Returns <c>{ title, language, content }</c>: the rendered prompt as JSON, for the editor to show.</summary>
    public static JsonObject Render(DocumentContext context, string? caseId)
    {
        var (file, prompt) = context.Workspace.LoadEval(context.Document.Path);
        if (prompt is null) throw new LspException(LspException.RequestFailed, $"The prompt this eval file tests does not exist: {file.PromptPath}");
        var evalCase = file.Cases.FirstOrDefault(c => c.Id == caseId)
            ?? throw new LspException(LspException.InvalidParams, $"No case '{caseId}' in {context.Document.Path}.");
        if (prompt.HasErrors)
        {
            var first = prompt.Diagnostics.First(d => d.Severity == Language.Diagnostics.PromptDiagnosticSeverity.Error);
            throw new LspException(LspException.RequestFailed, $"The prompt has errors; fix them first. {first.Id}: {first.Message}");
        }

        RenderedPrompt rendered;
        try
        {
            rendered = PromptRenderer.Render(prompt, new RenderData { Input = evalCase.Input });
        }
        catch (TemplateRenderException exception)
        {
            throw new LspException(LspException.RequestFailed, $"Rendering failed at line {exception.Span.StartLine}: {exception.Message}");
        }

        return new JsonObject
        {
            ["title"] = $"{prompt.Name} — {caseId}",
            ["language"] = "json",
            ["content"] = PromptJson.Serialize(rendered.ToValue(), indent: 2) + "\n",
        };
    }

    /// <summary>Returns <c>{ passed, output }</c>.</summary>
    public static async Task<JsonObject> RunAsync(IEvalCaseRunner? runner, string evalPath, string? caseId, string mode, CancellationToken cancellationToken)
    {
        if (runner is null) throw new LspException(LspException.RequestFailed, "This server cannot run evals (no eval runner was configured by its host).");
        var result = await runner.RunAsync(evalPath, caseId, mode, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["passed"] = result.Passed, ["output"] = result.Output };
    }
}
