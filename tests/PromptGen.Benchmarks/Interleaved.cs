using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;

namespace PromptGen.Benchmarks;

/// <summary>
/// The engines of one comparison run in turn in one process, in short rounds, keeping each engine's fastest round.
/// On a machine shared with other work, BenchmarkDotNet's means move with the load (a short job can put one engine in
/// a busy second and the other in a quiet one); here both engines see the same moments, and time is the CPU time of
/// the measuring thread (Linux; wall time elsewhere), so time spent descheduled is not counted. The minimum over
/// many rounds is the engine's cost when undisturbed. The ratios are the ones BenchmarkDotNet's table would give on a
/// quiet machine; they are not a substitute for a full BenchmarkDotNet run there.
/// </summary>
internal static class Interleaved
{
    public static int Run(string what, int rounds, string? resultsFile = null)
    {
        (string Name, Func<object?> Action)[] engines;
        if (what == "clean")
        {
            var clean = new ParseCleanJsonBenchmarks();
            engines = new (string, Func<object?>)[]
            {
                ("generated Parse", () => clean.GeneratedParse()),
                ("System.Text.Json reflection", () => clean.SystemTextJsonReflection()),
                ("System.Text.Json source generator", () => clean.SystemTextJsonSourceGenerated()),
            };
        }
        else if (what == "malformed")
        {
            var malformed = new ParseMalformedBenchmarks();
            engines = new (string, Func<object?>)[]
            {
                ("generated Parse", () => malformed.GeneratedParse()),
                ("schema-aligned parser alone", () => malformed.SchemaAlignedParserAlone()),
            };
        }
        else if (what == "corpus")
        {
            var corpus = new ParseCorpusBenchmarks();
            engines = new (string, Func<object?>)[]
            {
                ("generated Parse", () => corpus.GeneratedParse()),
                ("generated TryParse", () => corpus.GeneratedTryParse()),
                ("schema-aligned parser alone", () => corpus.SchemaAlignedParserAlone()),
            };
        }
        else if (what is "stream" or "stream-parts")
        {
            var stream = new StreamParseBenchmarks();
            stream.Setup();
            engines = new (string, Func<object?>)[]
            {
                ("whole Parse", () => stream.WholeParse()),
                ("stream parse, 1-token chunks", () => stream.StreamParse().GetAwaiter().GetResult()),
                ("... async-iterator client", () => stream.StreamParseAsyncIteratorClient().GetAwaiter().GetResult()),
            };
            if (what == "stream-parts")
            {
                // The pieces of a stream on their own: the fake client's enumeration, the streaming reader, reader and projection.
                engines = engines.Concat(new (string, Func<object?>)[]
                {
                    ("enumerate", () => stream.EnumerateOnly().GetAwaiter().GetResult()),
                    ("enumerate, async iterator", () => stream.EnumerateAsyncIteratorOnly().GetAwaiter().GetResult()),
                    ("reader", () => stream.ReaderOnly()),
                    ("project", () => stream.ProjectOnly()),
                }).ToArray();
            }
        }
        else
        {
            var c = RenderCase.Get(what);
            engines = new (string, Func<object?>)[]
            {
                ("generated Render (typed)", () => c.Typed()),
                ("generated Render (dynamic)", () => c.Dynamic()),
                ("hand-written C#", () => c.HandWritten()),
                ("Handlebars.Net", () => c.Handlebars()),
            };
        }

        // Warm-up (tiered compilation reaches its final code), then size a round to about 5 ms of the slowest engine. The
        // malformed corpus's rounds are about 40 ms, as long as one pass of BAML's parser over the same cases, whose
        // median round they are compared with (parse_malformed_vs_baml_rounds).
        var roundMilliseconds = what == "corpus" ? 40 : 5;
        var perRound = int.MaxValue;
        foreach (var (_, action) in engines)
        {
            SteadyState.WarmUp(action, minSeconds: 1.5);

            // Sized after the warm-up: its first calls run before tiered compilation's final code and are slower.
            var watch = Stopwatch.StartNew();
            var calls = 0;
            while (watch.ElapsedMilliseconds < 300) { action(); calls++; }
            perRound = Math.Min(perRound, Math.Max(1, (int)(calls * roundMilliseconds / watch.Elapsed.TotalMilliseconds)));
        }

        var best = Enumerable.Repeat(double.MaxValue, engines.Length).ToArray();
        var all = engines.Select(_ => new double[rounds]).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var e = 0; e < engines.Length; e++)
            {
                // Alternate the order so that neither engine always runs right after the other.
                var k = round % 2 == 0 ? e : engines.Length - 1 - e;
                var action = engines[k].Action;
                var start = ThreadTimeNs();
                for (var i = 0; i < perRound; i++) action();
                var perCall = (ThreadTimeNs() - start) / perRound;
                best[k] = Math.Min(best[k], perCall);
                all[k][round] = perCall;
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: fastest of {rounds} rounds of {perRound} calls, {(OperatingSystem.IsLinux() ? "thread CPU time" : "wall time")}, load average {LoadAverage()}"));
        for (var e = 0; e < engines.Length; e++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {engines[e].Name,-36} {best[e],10:F1} ns   first engine {best[e] / best[0]:F2}x faster   (median round {Median(all[e]),10:F1} ns, {Median(all[e]) / Median(all[0]):F2}x)"));
        }

        if (resultsFile is not null)
        {
            // For eng/bench.sh: each engine's fastest and median round, in nanoseconds per call.
            var results = new
            {
                what,
                rounds,
                calls_per_round = perRound,
                clock = OperatingSystem.IsLinux() ? "thread CPU time" : "wall time",
                load_average = LoadAverage(),
                engines = engines.Select((engine, e) => new { name = engine.Name, fastest_round_ns = Math.Round(best[e], 1), median_round_ns = Math.Round(Median(all[e]), 1) }),
            };
            System.IO.File.WriteAllText(resultsFile, System.Text.Json.JsonSerializer.Serialize(results, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    internal static double Median(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double ThreadTimeNs()
    {
        if (!OperatingSystem.IsLinux()) return Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency);
        clock_gettime(ClockThreadCpuTime, out var time);
        return time.Seconds * 1e9 + time.Nanoseconds;
    }

    internal static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
