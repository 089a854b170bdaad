using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using PromptGen.Language.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>
/// Five templates (<see cref="RenderCase.Names"/>: small, loop-heavy, partial-heavy, JSON helpers, long system prompt),
/// each rendered to chat messages by generated typed <c>Render</c>, generated dynamic <c>Render(JsonElement)</c>, the
/// run-time renderer, hand-written C# and Handlebars.Net. The Dotprompt JS reference renders the same files in
/// eng/bench/render-dotprompt.mjs.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private RenderCase _case = null!;

    public static IEnumerable<string> Templates => RenderCase.Names;

    [ParamsSource(nameof(Templates))]
    public string Template { get; set; } = RenderCase.Names[0];

    [GlobalSetup]
    public void Setup() => _case = RenderCase.Get(Template);

    [Benchmark(Description = "generated Render (typed)")]
    public IList<ChatMessage> Typed() => _case.Typed();

    [Benchmark(Description = "generated Render (dynamic)")]
    public IList<ChatMessage> Dynamic() => _case.Dynamic();

    [Benchmark(Description = "run-time renderer")]
    public RenderedPrompt RunTime() => _case.RunTime();

    [Benchmark(Baseline = true, Description = "hand-written C#")]
    public IList<ChatMessage> HandWritten() => _case.HandWritten();

    [Benchmark(Description = "Handlebars.Net 2.4.3")]
    public IList<ChatMessage> HandlebarsNet() => _case.Handlebars();
}
