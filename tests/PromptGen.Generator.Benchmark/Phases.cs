using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using PromptGen.Generator;
using PromptGen.Generator.Emit;
using PromptGen.Generator.Models;
using PromptGen.Generator.Naming;

/// <summary>
/// The generator's pipeline functions called one phase at a time over every prompt (parse, analyze, name, model,
/// emit), outside Roslyn's driver: time and allocated bytes per phase, to see where a full run goes.
/// </summary>
internal static class Phases
{
    public static void Run(ImmutableArray<AdditionalText> texts, string projectDir, int runs, bool measureRetained)
    {
        var prompts = texts.Where(PromptPipeline.IsPromptFile)
            .Select(t => new PromptFileInput(t.Path, t.GetText()!.ToString(), new PromptItemOptions(null, null, null)))
            .ToArray();
        var partials = PromptPipeline.CollectPartials(texts.Where(PromptPipeline.IsPartialFile)
            .Select(t => PromptPipeline.ReadPartial(t, CancellationToken.None)).ToImmutableArray());
        var project = new ProjectOptions("Fixture", projectDir, ProjectOptions.Default.IntegerType, ProjectOptions.Default.Accessibility);

        var results = new Dictionary<string, List<(double Ms, double Mb)>>();
        void Time(string phase, Action action)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            action();
            var ms = watch.Elapsed.TotalMilliseconds;
            if (!results.TryGetValue(phase, out var list)) results[phase] = list = new();
            list.Add((ms, (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6));
        }

        for (var run = 0; run <= runs; run++)
        {
            ParsedPrompt[] parsed = null!;
            AnalyzedPrompt[] analyzed = null!;
            NamedPrompt[] named = null!;
            PromptGenerationResult[] models = null!;
            var lines = 0;
            Time("parse", () => parsed = prompts.Select(p => PromptPipeline.Parse(p, CancellationToken.None)).ToArray());
            Time("analyze", () => analyzed = parsed.Select(p => PromptPipeline.Analyze(p, partials, CancellationToken.None)).ToArray());
            Time("name", () => named = analyzed.Select(a => PromptPipeline.Name(a, project)).ToArray());
            Time("model", () => models = named.Select(n => PromptPipeline.BuildModel(n, CollisionReport.None, CancellationToken.None)).ToArray());
            Time("emit", () =>
            {
                foreach (var model in models)
                {
                    // Counted over a span: LINQ's Count over a string's chars cost about as much as emitting it.
                    if (model.Model is { } m) lines += PromptSourceEmitter.Emit(m).AsSpan().Count('\n');
                }
            });
            if (run == 0)
            {
                Console.WriteLine($"phases: {prompts.Length} prompts, {lines} lines emitted; first run (JIT included):");
                foreach (var (phase, list) in results) Console.WriteLine($"  {phase,-8} {list[0].Ms,8:F0} ms {list[0].Mb,8:F1} MB");
                foreach (var list in results.Values) list.Clear();
            }
        }

        Console.WriteLine($"phases, median of {runs} warm runs (time, allocated on this thread):");
        foreach (var (phase, list) in results)
        {
            var ms = list.Select(r => r.Ms).Order().ElementAt(list.Count / 2);
            var mb = list.Select(r => r.Mb).Order().ElementAt(list.Count / 2);
            Console.WriteLine($"  {phase,-8} {ms,8:F0} ms {mb,8:F1} MB");
        }

        if (measureRetained) Retained(prompts, partials, project);
    }

    /// <summary>
    /// What each step's outputs keep alive once the step is done, as Roslyn's driver keeps them between runs: the heap
    /// after a full collection with the outputs held, less the heap before the step. The step inputs (file texts) are
    /// held throughout, so they are not counted.
    /// </summary>
    private static void Retained(PromptFileInput[] prompts, PartialSourceSet partials, ProjectOptions project)
    {
        static long Heap()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return GC.GetTotalMemory(forceFullCollection: true);
        }

        var start = Heap();
        var parsed = prompts.Select(p => PromptPipeline.Parse(p, CancellationToken.None)).ToArray();
        var afterParse = Heap();
        var analyzed = parsed.Select(p => PromptPipeline.Analyze(p, partials, CancellationToken.None)).ToArray();
        var afterAnalyze = Heap();
        var named = analyzed.Select(a => PromptPipeline.Name(a, project)).ToArray();
        var afterName = Heap();
        var models = named.Select(n => PromptPipeline.BuildModel(n, CollisionReport.None, CancellationToken.None)).ToArray();
        var afterModel = Heap();
        var sources = models.Select(m => m.Model is { } model ? PromptSourceEmitter.Emit(model) : string.Empty).ToArray();
        var afterEmit = Heap();
        GC.KeepAlive(parsed);
        GC.KeepAlive(analyzed);
        GC.KeepAlive(named);
        GC.KeepAlive(models);
        GC.KeepAlive(sources);
        Console.WriteLine($"retained after a full collection, per {prompts.Length} prompts (each step adds to the ones before):");
        Console.WriteLine($"  parse    {(afterParse - start) / 1e6,8:F1} MB");
        Console.WriteLine($"  analyze  {(afterAnalyze - afterParse) / 1e6,8:F1} MB");
        Console.WriteLine($"  name     {(afterName - afterAnalyze) / 1e6,8:F1} MB");
        Console.WriteLine($"  model    {(afterModel - afterName) / 1e6,8:F1} MB");
        Console.WriteLine($"  emit     {(afterEmit - afterModel) / 1e6,8:F1} MB (the generated texts)");
        Console.WriteLine($"  total    {(afterEmit - start) / 1e6,8:F1} MB, of which steps before emit {(afterModel - start) / 1e6,8:F1} MB");
    }
}
