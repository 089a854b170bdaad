using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;
using PromptGen.Benchmarks.Prompts.Dynamic;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;
using PromptGen.Serialization;

namespace PromptGen.Benchmarks;

/// <summary>
/// One render benchmark template (<c>Prompts/&lt;Prompt&gt;.prompt</c>, input <c>Data/&lt;input&gt;.json</c>) and every engine
/// that renders it: generated typed <c>Render</c>, generated dynamic <c>Render(JsonElement)</c> of the same body without an
/// input schema (<c>Prompts/Dynamic/</c>), the run-time renderer (<c>promptgen render</c>, evals of untyped prompts),
/// hand-written C# and Handlebars.Net. Inputs are read once, outside the timing.
/// </summary>
internal sealed class RenderCase
{
    public required string Name { get; init; }

    /// <summary>The prompt file's name without <c>.prompt</c>.</summary>
    public required string Prompt { get; init; }

    public required string InputFile { get; init; }

    public required Func<IList<ChatMessage>> Typed { get; init; }

    public required Func<IList<ChatMessage>> Dynamic { get; init; }

    public required Func<RenderedPrompt> RunTime { get; init; }

    public required Func<IList<ChatMessage>> HandWritten { get; init; }

    public required Func<IList<ChatMessage>> Handlebars { get; init; }

    public static readonly string[] Names = { "support-reply", "loop-report", "partial-digest", "json-context", "long-system" };

    private static Dictionary<string, RenderCase>? s_all;

    public static RenderCase Get(string name) => (s_all ??= Create().ToDictionary(c => c.Name))[name];

    public static IEnumerable<RenderCase> All => Names.Select(Get);

    private static IEnumerable<RenderCase> Create()
    {
        yield return Make<SupportReplyPrompt.Input>("support-reply", "SupportReply", "support-reply-input.json",
            SupportReplyPrompt.JsonCodec.ReadInput, SupportReplyPrompt.Render, SupportReplyDynamicPrompt.Render, HandWrittenRenderers.SupportReply);
        yield return Make<LoopReportPrompt.Input>("loop-report", "LoopReport", "loop-report-input.json",
            LoopReportPrompt.JsonCodec.ReadInput, LoopReportPrompt.Render, LoopReportDynamicPrompt.Render, HandWrittenRenderers.LoopReport);
        yield return Make<PartialDigestPrompt.Input>("partial-digest", "PartialDigest", "partial-digest-input.json",
            PartialDigestPrompt.JsonCodec.ReadInput, PartialDigestPrompt.Render, PartialDigestDynamicPrompt.Render, HandWrittenRenderers.PartialDigest);
        yield return Make<JsonContextPrompt.Input>("json-context", "JsonContext", "json-context-input.json",
            JsonContextPrompt.JsonCodec.ReadInput, JsonContextPrompt.Render, JsonContextDynamicPrompt.Render, HandWrittenRenderers.JsonContext);
        yield return Make<LongSystemPrompt.Input>("long-system", "LongSystem", "long-system-input.json",
            LongSystemPrompt.JsonCodec.ReadInput, LongSystemPrompt.Render, LongSystemDynamicPrompt.Render, HandWrittenRenderers.LongSystem);
    }

    private static RenderCase Make<TInput>(
        string name, string prompt, string inputFile, JsonValueReader<TInput> readInput,
        Func<TInput, PromptGen.Rendering.PromptRenderOptions?, IList<ChatMessage>> typed, Func<JsonElement, PromptGen.Rendering.PromptRenderOptions?, IList<ChatMessage>> dynamic,
        Func<TInput, IList<ChatMessage>> handWritten)
    {
        var json = File.ReadAllText(Path.Combine(BenchmarkData.Folder, "Data", inputFile));
        var input = JsonText.Read(json, readInput);
        var element = JsonText.ParseElement(json);

        var promptsFolder = Path.Combine(BenchmarkData.Folder, "Prompts");
        var dynamicPath = Path.Combine(promptsFolder, "Dynamic", prompt + "Dynamic.prompt");
        var semantics = PromptCompiler.Analyze(PromptCompiler.Parse(dynamicPath, File.ReadAllText(dynamicPath)), PartialCatalog.FromDirectory(promptsFolder));
        if (semantics.HasErrors) throw new InvalidOperationException(string.Join("\n", semantics.Diagnostics.Select(d => d.Message)));
        var renderData = new RenderData { Input = PromptJson.Parse(json) };

        var handlebars = new HandlebarsRenderer(BenchmarkData.TemplateBody(prompt + ".prompt"), Partials(promptsFolder));
        var model = HandlebarsRenderer.ToModel(element)!;

        return new RenderCase
        {
            Name = name,
            Prompt = prompt,
            InputFile = inputFile,
            Typed = () => typed(input, null),
            Dynamic = () => dynamic(element, null),
            RunTime = () => PromptRenderer.Render(semantics, renderData),
            HandWritten = () => handWritten(input),
            Handlebars = () => handlebars.Render(model),
        };
    }

    private static Dictionary<string, string> Partials(string folder) =>
        Directory.GetFiles(folder, "_*.prompt").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file).Substring(1),
            file => File.ReadAllText(file).Replace("\r\n", "\n"));

    /// <summary>The messages as (role, text) pairs, the form every engine is compared in (the JS reference's too).</summary>
    public static List<(string Role, string Text)> Describe(IList<ChatMessage> messages) =>
        messages.Select(m => (m.Role == ChatRole.Assistant ? "model" : m.Role.Value, m.Text)).ToList();

    public static List<(string Role, string Text)> Describe(RenderedPrompt rendered) =>
        rendered.Messages.Select(m => (m.Role, string.Concat(m.Content.Select(p => p is TextPart text ? text.Text : string.Empty)))).ToList();
}
