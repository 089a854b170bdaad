using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PromptGen.Benchmarks;

/// <summary>
/// The render engines and the Dotprompt JS reference in paired short rounds, per template: generated typed and dynamic
/// Render, hand-written C#, Handlebars.Net, then Dotprompt JS with and without the frontmatter schema, each running a
/// short round in turn (the order reversed every other round), so adjacent rounds of every engine see the same load on a
/// shared machine. BenchmarkDotNet and the JS script's own timed runs measure the two sides in different
/// processes at different moments, and on a busy machine their ratio moves with whatever ran in between.
/// <para>
/// The clock is wall time on both sides, since node has no clock of the CPU time of one thread: a Stopwatch around the
/// .NET round, and node's own process.hrtime.bigint around its loop (<see cref="DotpromptJsServer"/>), so the pipe is not
/// counted. Each engine's median round is its figure (a descheduled moment lands in a few rounds, not in the median);
/// the fastest round is kept too.
/// </para>
/// <para>
/// Beside it, each round's process CPU time (<see cref="RoundTime"/>), read the same way on both sides: when the machine
/// is so busy that most rounds wait for a core, the wall-time medians measure the scheduler as much as the engines, and
/// the CPU-time ratios show by how much.
/// </para>
/// </summary>
internal static class InterleavedJs
{
    private const string Clock = "wall time (.NET: Stopwatch around the round; Dotprompt JS: process.hrtime.bigint around the loop, inside node)";

    /// <summary>The default warm-up of each engine: long enough for V8 to optimize the render and for tiered compilation to reach its final code.</summary>
    public const double DefaultWarmUpSeconds = 1.0;

    /// <summary>
    /// Every engine's round runs about this long, its calls sized from its own warm-up: short enough for many rounds in a
    /// few seconds, long enough that each round holds its share of garbage collections. One call count for all engines
    /// (sized by the slowest) would give the fastest ones rounds of a tenth of a millisecond, most of them between two
    /// gen0 collections, and the median round would leave the collections out.
    /// </summary>
    private const double RoundNanoseconds = 5e6;


    private sealed record Engine(string Key, string Name, Func<int, RoundTime> Run);

    public static int Run(string node, string script, string toolsDirectory, int rounds, string? resultsFile, double warmUpSeconds = DefaultWarmUpSeconds)
    {
        var messagesFile = Path.Combine(Path.GetTempPath(), $"promptgen-bench-js-messages-{Environment.ProcessId}.json");
        try
        {
            using var js = DotpromptJsServer.Start(node, script, toolsDirectory, messagesFile);

            // Before any timing: the JS reference (this very process of it) renders the messages every .NET engine does.
            if (!Program.PassesEquivalenceCheck(messagesFile))
            {
                return 1;
            }

            var loadBefore = Interleaved.LoadAverage();
            var templates = new Dictionary<string, object>();
            var medians = new Dictionary<string, Dictionary<string, double>>();
            var cpuMedians = new Dictionary<string, Dictionary<string, double>>();
            foreach (var c in RenderCase.All)
            {
                var engines = new[]
                {
                    InProcess("typed", "generated Render (typed)", () => c.Typed()),
                    InProcess("dynamic", "generated Render (dynamic)", () => c.Dynamic()),
                    InProcess("hand_written", "hand-written C#", () => c.HandWritten()),
                    InProcess("handlebars_net", "Handlebars.Net", () => c.Handlebars()),
                    new Engine("dotprompt_js", "Dotprompt JS", calls => js.Run(c.Name, withSchema: true, calls)),
                    new Engine("dotprompt_js_no_schema", "Dotprompt JS, no schema", calls => js.Run(c.Name, withSchema: false, calls)),
                };

                var perRound = engines.Select(engine => Math.Max(1, (int)Math.Round(RoundNanoseconds / RoundTime.FastestPerCallNs(engine.Run, warmUpSeconds)))).ToArray();
                var perCall = engines.Select(_ => new double[rounds]).ToArray();
                var cpuPerCall = engines.Select(_ => new double[rounds]).ToArray();
                for (var round = 0; round < rounds; round++)
                {
                    for (var e = 0; e < engines.Length; e++)
                    {
                        // Alternate the order so that no engine always runs right after the same other one.
                        var k = round % 2 == 0 ? e : engines.Length - 1 - e;
                        var time = engines[k].Run(perRound[k]);
                        perCall[k][round] = time.WallNs / perRound[k];
                        cpuPerCall[k][round] = time.CpuNs / perRound[k];
                    }
                }

                var load = Interleaved.LoadAverage();
                medians[c.Name] = engines.Select((engine, e) => (engine.Key, Median: Interleaved.Median(perCall[e]))).ToDictionary(x => x.Key, x => x.Median);
                cpuMedians[c.Name] = engines.Select((engine, e) => (engine.Key, Median: Interleaved.Median(cpuPerCall[e]))).ToDictionary(x => x.Key, x => x.Median);
                templates[c.Name] = new
                {
                    load_average = load,
                    engines = engines.Select((engine, e) => (engine, e)).ToDictionary(
                        x => x.engine.Key,
                        x => new
                        {
                            name = x.engine.Name,
                            calls_per_round = perRound[x.e],
                            median_round_ns = Math.Round(medians[c.Name][x.engine.Key], 1),
                            fastest_round_ns = Math.Round(perCall[x.e].Min(), 1),
                            median_round_cpu_ns = Math.Round(cpuMedians[c.Name][x.engine.Key], 1),
                            fastest_round_cpu_ns = Math.Round(cpuPerCall[x.e].Min(), 1),
                        }),
                };
                PrintTemplate(c.Name, rounds, perRound, load, engines, perCall, cpuPerCall);
            }

            PrintGeometricMeans("wall time", medians);
            PrintGeometricMeans("process CPU time", cpuMedians);
            if (resultsFile is not null)
            {
                // For eng/bench.sh (eng/bench/summarize.mjs makes the ratios): per template, each engine's median and fastest round.
                var results = new
                {
                    rounds,
                    clock = Clock,
                    cpu_clock = RoundTime.CpuClock,
                    round_target_ms = RoundNanoseconds / 1e6,
                    warm_up_s_per_engine = warmUpSeconds,
                    load_average_before = loadBefore,
                    load_average_after = Interleaved.LoadAverage(),
                    templates,
                };
                File.WriteAllText(resultsFile, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            }

            return 0;
        }
        catch (NodeRoundServerException e)
        {
            Console.Error.WriteLine("interleave-js: " + e.Message);
            return 1;
        }
        finally
        {
            File.Delete(messagesFile);
        }
    }

    private static Engine InProcess(string key, string name, Func<object?> action) => new(key, name, calls => RoundTime.Measure(action, calls));

    private static void PrintTemplate(string template, int rounds, int[] perRound, string load, Engine[] engines, double[][] perCall, double[][] cpuPerCall)
    {
        var jsCpu = Interleaved.Median(cpuPerCall[Array.FindIndex(engines, e => e.Key == "dotprompt_js")]);
        var js = Interleaved.Median(perCall[Array.FindIndex(engines, e => e.Key == "dotprompt_js")]);
        var jsNoSchema = Interleaved.Median(perCall[Array.FindIndex(engines, e => e.Key == "dotprompt_js_no_schema")]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{template}: median of {rounds} paired rounds of about {RoundNanoseconds / 1e6:F0} ms an engine, wall time, load average {load}"));
        Console.WriteLine($"  {"engine",-28} {"calls",6} {"median ns",11} {"fastest ns",11}   JS / this   JS no schema / this   {"median CPU ns",13}   JS / this by CPU");
        for (var e = 0; e < engines.Length; e++)
        {
            var median = Interleaved.Median(perCall[e]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {engines[e].Name,-28} {perRound[e],6} {median,11:F1} {perCall[e].Min(),11:F1}   {js / median,8:F2}x   {jsNoSchema / median,17:F2}x   {Interleaved.Median(cpuPerCall[e]),13:F1}   {jsCpu / Interleaved.Median(cpuPerCall[e]),15:F2}x"));
        }
    }

    /// <summary>The geometric means over the templates, as eng/bench/summarize.mjs makes its *_interleaved keys (throughput ratios).</summary>
    private static void PrintGeometricMeans(string clock, Dictionary<string, Dictionary<string, double>> medians)
    {
        double Mean(string ours, string peer) => Math.Exp(medians.Values.Average(m => Math.Log(m[peer] / m[ours])));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"geometric mean over {medians.Count} templates, median rounds by {clock}, throughput: typed vs Dotprompt JS {Mean("typed", "dotprompt_js"):F2}x, " +
            $"dynamic vs Dotprompt JS {Mean("dynamic", "dotprompt_js"):F2}x (no schema {Mean("dynamic", "dotprompt_js_no_schema"):F2}x), " +
            $"typed vs Handlebars.Net {Mean("typed", "handlebars_net"):F2}x, typed vs hand-written {Mean("typed", "hand_written"):F2}x"));
    }
}
