using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using PromptGen.Tests.Corpus;

namespace PromptGen.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry point. Extra options (before BenchmarkDotNet's own, e.g. <c>--filter '*'</c>):
/// <list type="bullet">
/// <item><c>--quick</c>: a short in-process job (5 warm-up and 4 measured iterations of about 100 ms per benchmark; the parse
/// and stream benchmarks warm up to their final tier in their global setup first, <see cref="SteadyState"/>);</item>
/// <item><c>--check</c>: only verify that every engine produces the same messages and values, then exit;</item>
/// <item><c>--js-messages &lt;file&gt;</c>: include the Dotprompt JS reference's messages (eng/bench/render-dotprompt.mjs) in the check;</item>
/// <item><c>--results &lt;file&gt;</c>: write operations per second and bytes allocated per operation of every benchmark as JSON;</item>
/// <item><c>--profile &lt;template|corpus|clean|stream&gt; &lt;engine&gt; &lt;seconds&gt;</c>: run one path in a loop (for dotnet-trace or
/// valgrind), engine one of typed, dynamic, runtime, handwritten, handlebars (templates), parse, tryparse, aligned (corpus), parse, reflection, sourcegen (clean) or whole, stream (stream);</item>
/// <item><c>--timeline &lt;what&gt; &lt;engine&gt; &lt;seconds&gt;</c>: the same paths as <c>--profile</c>, from the first call, printing the mean
/// time per call of every half second and the number of methods the JIT has compiled: how long tiered compilation takes to reach its final code;</item>
/// <item><c>--corpus-compare &lt;baml-results.json&gt; &lt;out.json&gt;</c>: recovery of generated Parse and of BAML's parser on the
/// parsing corpus, case by case, written as JSON; then exit;</item>
/// <item><c>--interleave &lt;template|clean|malformed|corpus|stream|stream-parts&gt; [rounds]</c>: after the check, the engines of one comparison in turn, in one
/// process, many short rounds, and the fastest round of each by the CPU time of the measuring thread (on a shared
/// machine the time others take is not counted, and the engines see the same load); with <c>--results</c>, each engine's fastest
/// and median round are written there as JSON; then exit;</item>
/// <item><c>--interleave-js &lt;node&gt; &lt;render-dotprompt.mjs&gt; &lt;tools-dir&gt; &lt;rounds&gt; [--warm-up &lt;seconds&gt;]</c>: the render engines against the Dotprompt
/// JS reference in paired rounds (<see cref="InterleavedJs"/>): starts the script in serve mode with node (the reference installed in
/// tools-dir), checks every engine's messages against the ones it wrote, then per template warms every engine up (1 s each unless <c>--warm-up</c> says otherwise) and runs them in
/// turn for that many short rounds, timed by wall time (the JS rounds inside node), with each round's process CPU time beside it; with
/// <c>--results</c>, each engine's median and fastest round per template are written there as JSON; then exit (non-zero if node fails, breaks the protocol or renders other messages).</item>
/// <item><c>--interleave-baml &lt;baml-tools-dir&gt; &lt;rounds&gt; [--warm-up &lt;seconds&gt;]</c>: generated <c>Parse</c> against BAML's parser on the
/// malformed parsing corpus in paired rounds (<see cref="InterleavedBaml"/>): starts <c>run-baml.ts --serve</c> with the tsx installed in the
/// tools dir (where eng/bench.sh generates the BAML client), warms both sides up (generated Parse until its code is final, at least 1.5 s; BAML 1.5 s unless <c>--warm-up</c> says otherwise), then
/// runs them in turn for that many rounds of about 30 ms, timed by wall time (BAML's inside node), with each round's process CPU time
/// beside it; with <c>--results</c>, each side's median and fastest round per pass are written there as JSON; then exit.</item>
/// </list>
/// After a run, one line per benchmark <c>ops/s &lt;class&gt;.&lt;method&gt;[&lt;template&gt;] &lt;operations per second&gt;</c> is printed.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var arguments = args.ToList();
        var quick = arguments.Remove("--quick");
        var checkOnly = arguments.Remove("--check");
        var jsMessages = TakeValue(arguments, "--js-messages");
        var results = TakeValue(arguments, "--results");
        var profile = arguments.IndexOf("--profile");
        if (profile >= 0)
        {
            return ValuesAndSeconds(arguments, profile, "--profile <what> <engine> <seconds>", 2) is { } p
                ? Profile.Run(p.Values[0], p.Values[1], p.Seconds)
                : 2;
        }

        var timeline = arguments.IndexOf("--timeline");
        if (timeline >= 0)
        {
            return ValuesAndSeconds(arguments, timeline, "--timeline <what> <engine> <seconds>", 2) is { } t
                ? Profile.Timeline(t.Values[0], t.Values[1], t.Seconds)
                : 2;
        }

        var sequence = arguments.IndexOf("--sequence");
        if (sequence >= 0)
        {
            return ValuesAndSeconds(arguments, sequence, "--sequence <what:engine,...> <seconds>", 1) is { } q
                ? Profile.Sequence(q.Values[0], q.Seconds)
                : 2;
        }

        var corpusCompare = arguments.IndexOf("--corpus-compare");
        if (corpusCompare >= 0)
        {
            return CorpusComparison.Run(arguments[corpusCompare + 1], arguments[corpusCompare + 2]);
        }

        var interleaveJs = arguments.IndexOf("--interleave-js");
        if (interleaveJs >= 0)
        {
            // Its own check: the JS messages come from the node process it starts.
            if (!TryRoundsAndWarmUp(arguments, interleaveJs + 4, InterleavedJs.DefaultWarmUpSeconds, out var jsRounds, out var warmUpSeconds))
            {
                Console.Error.WriteLine("usage: --interleave-js <node> <render-dotprompt.mjs> <tools-dir> <rounds> [--warm-up <seconds>] [--results <file>]");
                return 2;
            }

            return InterleavedJs.Run(arguments[interleaveJs + 1], arguments[interleaveJs + 2], arguments[interleaveJs + 3], jsRounds, results, warmUpSeconds);
        }

        var interleaveBaml = arguments.IndexOf("--interleave-baml");
        if (interleaveBaml >= 0)
        {
            // Times only: which cases each parser recovers is compared by --corpus-compare.
            if (!TryRoundsAndWarmUp(arguments, interleaveBaml + 2, InterleavedBaml.DefaultWarmUpSeconds, out var bamlRounds, out var warmUpSeconds))
            {
                Console.Error.WriteLine("usage: --interleave-baml <baml-tools-dir> <rounds> [--warm-up <seconds>] [--results <file>]");
                return 2;
            }

            return InterleavedBaml.Run(arguments[interleaveBaml + 1], bamlRounds, results, warmUpSeconds);
        }

        if (!PassesEquivalenceCheck(jsMessages))
        {
            return 1;
        }

        if (checkOnly)
        {
            return 0;
        }

        var interleave = arguments.IndexOf("--interleave");
        if (interleave >= 0)
        {
            var rounds = interleave + 2 < arguments.Count ? int.Parse(arguments[interleave + 2], CultureInfo.InvariantCulture) : 200;
            return Interleaved.Run(arguments[interleave + 1], rounds, results);
        }

        IConfig config = DefaultConfig.Instance;
        if (quick)
        {
            // Five warm-ups, not one: after a single 100 ms warm-up, tiered compilation was often still replacing the
            // benchmark's methods during the measured iterations (the same build measured 0.55x to 1.9x apart). Even
            // five are not enough for the parse and stream paths, which take up to 2.5 s to reach their final tier: their
            // classes warm up in a global setup first (SteadyState).
            config = config.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick")
                .WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(4).WithIterationTime(TimeInterval.FromMilliseconds(100)));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments.ToArray(), config).ToList();
        var rates = PrintOperationsPerSecond(summaries);
        if (results is not null)
        {
            File.WriteAllText(results, JsonSerializer.Serialize(rates, new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    /// <summary>Runs <see cref="EquivalenceCheck"/> and says on the console whether every engine agrees (each difference on standard error).</summary>
    internal static bool PassesEquivalenceCheck(string? jsMessages)
    {
        var problems = EquivalenceCheck.Run(jsMessages);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("equivalence check: " + problem);
        }

        if (problems.Count > 0)
        {
            return false;
        }

        Console.WriteLine("equivalence check: every engine produces the same messages and values" + (jsMessages is null ? "" : " (the Dotprompt JS reference's too)"));
        return true;
    }

    /// <summary>
    /// The <paramref name="count"/> values after the option at <paramref name="at"/> and the positive number of seconds
    /// after them; null, with the usage on standard error, when they are missing or the seconds are not a number.
    /// </summary>
    private static (string[] Values, double Seconds)? ValuesAndSeconds(List<string> arguments, int at, string usage, int count)
    {
        if (at + count + 1 < arguments.Count
            && double.TryParse(arguments[at + count + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0)
        {
            return (arguments.GetRange(at + 1, count).ToArray(), seconds);
        }

        Console.Error.WriteLine("usage: " + usage);
        return null;
    }

    /// <summary>
    /// The rounds of a paired comparison (a positive integer at <paramref name="roundsAt"/>) and its optional
    /// <c>--warm-up &lt;seconds&gt;</c> (above 0, at most 60; taken out of <paramref name="arguments"/>); false when either is malformed.
    /// </summary>
    private static bool TryRoundsAndWarmUp(List<string> arguments, int roundsAt, double defaultWarmUp, out int rounds, out double warmUpSeconds)
    {
        warmUpSeconds = defaultWarmUp;
        var warmUp = TakeValue(arguments, "--warm-up");
        if (warmUp is not null
            && (!double.TryParse(warmUp, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out warmUpSeconds) || warmUpSeconds <= 0 || warmUpSeconds > 60))
        {
            rounds = 0;
            return false;
        }

        if (roundsAt < arguments.Count && int.TryParse(arguments[roundsAt], NumberStyles.None, CultureInfo.InvariantCulture, out rounds) && rounds >= 1)
        {
            return true;
        }

        rounds = 0;
        return false;
    }

    private static string? TakeValue(List<string> arguments, string name)
    {
        var at = arguments.IndexOf(name);
        if (at < 0) return null;
        var value = arguments[at + 1];
        arguments.RemoveRange(at, 2);
        return value;
    }

    private static SortedDictionary<string, Dictionary<string, double>> PrintOperationsPerSecond(IEnumerable<Summary> summaries)
    {
        var rates = new SortedDictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                var mean = report.ResultStatistics?.Mean;
                if (mean is null or <= 0)
                {
                    continue;
                }

                var target = report.BenchmarkCase.Descriptor;
                var parameters = report.BenchmarkCase.Parameters;
                var name = $"{target.Type.Name}.{target.WorkloadMethod.Name}" +
                    (parameters.Count > 0 ? "[" + string.Join(",", parameters.Items.Select(p => p.Value)) + "]" : "");
                var opsPerSecond = 1e9 / mean.Value;
                rates[name] = new Dictionary<string, double>
                {
                    ["ops_per_s"] = Math.Round(opsPerSecond),
                    ["median_ops_per_s"] = Math.Round(1e9 / report.ResultStatistics!.Median),
                    ["allocated_bytes"] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1,
                };
                Console.WriteLine(FormattableString.Invariant($"ops/s {name} {opsPerSecond:F0}"));
            }
        }

        return rates;
    }
}

/// <summary>Recovery on the parsing corpus: generated Parse (through the catalog's ParseToJson) and BAML's parser, case by case.</summary>
internal static class CorpusComparison
{
    public static int Run(string bamlResultsFile, string outFile)
    {
        using var baml = JsonDocument.Parse(File.ReadAllText(bamlResultsFile));
        var bamlResults = baml.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.Clone());
        int total = 0, promptGenOk = 0, bamlOk = 0, malformedTotal = 0, malformedPromptGen = 0, malformedBaml = 0;
        var disagreements = new List<string>();
        var failures = new List<string>();
        foreach (var c in CorpusData.All)
        {
            var result = CorpusData.Descriptors[c.Shape].ParseToJson(c.ModelText);
            var ours = Matches(c, result.Success, result.ValueJson);
            var theirs = bamlResults.TryGetValue(c.Id, out var b) && Matches(c, b.GetProperty("parsed").GetBoolean(), b.GetProperty("parsed").GetBoolean() ? b.GetProperty("json").GetString() : null);
            total++;
            promptGenOk += ours ? 1 : 0;
            bamlOk += theirs ? 1 : 0;
            if (c.Category != "clean")
            {
                malformedTotal++;
                malformedPromptGen += ours ? 1 : 0;
                malformedBaml += theirs ? 1 : 0;
            }

            if (!ours) failures.Add($"{c.Id}: {(result.Success ? "parsed " + result.ValueJson : result.Report.Error)}");
            if (ours != theirs) disagreements.Add($"{c.Id}: PromptGen {(ours ? "ok" : "WRONG")}, BAML {(theirs ? "ok" : "WRONG")}");
        }

        var throughput = baml.RootElement.GetProperty("throughput");
        var perCase = throughput.GetProperty("casesPerRound").GetDouble();
        var summary = new Dictionary<string, object>
        {
            ["cases"] = total,
            ["promptgen_expected_results"] = promptGenOk,
            ["baml_expected_results"] = bamlOk,
            ["malformed_cases"] = malformedTotal,
            ["malformed_cases_per_pass"] = CorpusData.CasesPerPass,
            ["promptgen_malformed_expected_results"] = malformedPromptGen,
            ["baml_malformed_expected_results"] = malformedBaml,
            ["baml_parses_per_s_wall"] = Math.Round(throughput.GetProperty("parses").GetDouble() / throughput.GetProperty("seconds").GetDouble()),
            ["baml_parses_per_s_median_round"] = Math.Round(perCase / throughput.GetProperty("medianRoundSeconds").GetDouble()),
            ["baml_parses_per_s_best_round"] = Math.Round(perCase / throughput.GetProperty("bestRoundSeconds").GetDouble()),
            ["promptgen_unexpected_results"] = failures,
            ["disagreements"] = disagreements,
        };
        File.WriteAllText(outFile, JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"parsing corpus: generated Parse {promptGenOk}/{total} expected results, BAML {bamlOk}/{total}"));
        failures.ForEach(d => Console.WriteLine("  generated Parse, not the expected result: " + d));
        return 0;
    }

    private static bool Matches(CorpusCase c, bool parsed, string? json)
    {
        if (c.ExpectError is not null) return !parsed;
        if (!parsed || json is null) return false;
        using var expected = JsonDocument.Parse(c.ExpectJson!);
        using var actual = JsonDocument.Parse(json);
        return JsonEquivalence.AreEquivalent(expected.RootElement, actual.RootElement, out _);
    }
}

/// <summary>One benchmarked path in a loop, for a profiler attached from outside.</summary>
internal static class Profile
{
    public static int Run(string what, string engine, double seconds)
    {
        var action = ActionOf(what, engine);
        var warmUp = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 2000 && warmUp.Elapsed.TotalSeconds < 1; i++) action(); // warm-up (slow paths: at most a second)
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var allocatedStart = GC.GetAllocatedBytesForCurrentThread();
        var gen0Start = GC.CollectionCount(0);
        var gen1Start = GC.CollectionCount(1);
        var pauseStart = GC.GetTotalPauseDuration();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            action();
            count++;
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedStart) / (double)count;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        // Per CPU second as well: on a shared machine it moves much less than per wall second (it includes the GC's work).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what} {engine}: {count / watch.Elapsed.TotalSeconds:F0} ops/s wall, {count / cpu:F0} ops per CPU s, {allocated:F0} B allocated per op, {(GC.CollectionCount(0) - gen0Start) * 1000.0 / count:F1} gen0 and {(GC.CollectionCount(1) - gen1Start) * 1000.0 / count:F1} gen1 collections per 1,000 ops, GC pause {(GC.GetTotalPauseDuration() - pauseStart).TotalMilliseconds * 1000 / count:F1} us per op"));
        return 0;
    }

    /// <summary>
    /// The same path from a cold start: its time per call in windows of half a second, so that the time tiered
    /// compilation takes to reach its final code can be seen (the warm-up a measurement needs).
    /// </summary>
    public static int Timeline(string what, string engine, double seconds)
    {
        var action = ActionOf(what, engine);
        var total = System.Diagnostics.Stopwatch.StartNew();
        Console.WriteLine($"{what} {engine}: mean time per call in each half second from the first call (no warm-up)");
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var perCall = HalfSecond(action);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total.Elapsed.TotalSeconds,6:F1} s  {perCall,12:F0} ns  {System.Runtime.JitInfo.GetCompiledMethodCount(),6} methods compiled"));
        }

        return 0;
    }

    /// <summary>
    /// Several paths one after the other in one process (<c>what:engine,what:engine,...</c>), each for the given seconds,
    /// with its time per call in the last half second and the CPU the thread was on at the end of each half second: whether
    /// a whole process runs slower, and whether what ran before in it changes a path's speed.
    /// </summary>
    public static int Sequence(string steps, double seconds)
    {
        foreach (var step in steps.Split(','))
        {
            var parts = step.Split(':');
            if (parts.Length != 2)
            {
                Console.Error.WriteLine($"--sequence: '{step}' is not <what>:<engine> (for example loop-report:dynamic)");
                return 2;
            }

            var action = ActionOf(parts[0], parts[1]);
            var total = System.Diagnostics.Stopwatch.StartNew();
            double last = 0;
            var cpus = "";
            while (total.Elapsed.TotalSeconds < seconds)
            {
                last = HalfSecond(action);
                cpus += OperatingSystem.IsLinux() ? sched_getcpu().ToString(CultureInfo.InvariantCulture) : "?";
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step,-32} {last,10:F0} ns a call in the last half second (CPU at the end of each half second: {cpus})"));
        }

        return 0;
    }

    /// <summary>Calls the action for half a second; the mean time per call in nanoseconds.</summary>
    private static double HalfSecond(Func<object?> action)
    {
        var window = System.Diagnostics.Stopwatch.StartNew();
        long count = 0;
        while (window.ElapsedMilliseconds < 500)
        {
            action();
            count++;
        }

        return window.Elapsed.TotalNanoseconds / count;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int sched_getcpu();

    private static Func<object?> ActionOf(string what, string engine)
    {
        if (what == "corpus")
        {
            var corpus = new ParseCorpusBenchmarks();
            return engine switch
            {
                "tryparse" => () => corpus.GeneratedTryParse(),
                "aligned" => () => corpus.SchemaAlignedParserAlone(),
                _ => () => corpus.GeneratedParse(),
            };
        }
        else if (what == "stream")
        {
            var stream = new StreamParseBenchmarks();
            stream.Setup();
            return engine switch
            {
                "whole" => () => stream.WholeParse(),
                "enumerate" => () => stream.EnumerateOnly().GetAwaiter().GetResult(),
                "response" => () => stream.ToResponse(),
                "reader" => () => stream.ReaderOnly(),
                "project" => () => stream.ProjectOnly(),
                "async-iterator" => () => stream.StreamParseAsyncIteratorClient().GetAwaiter().GetResult(),
                _ => () => stream.StreamParse().GetAwaiter().GetResult(),
            };
        }
        else if (what == "clean")
        {
            var clean = new ParseCleanJsonBenchmarks();
            return engine switch
            {
                "reflection" => () => clean.SystemTextJsonReflection(),
                "sourcegen" => () => clean.SystemTextJsonSourceGenerated(),
                _ => () => clean.GeneratedParse(),
            };
        }
        else
        {
            var c = RenderCase.Get(what);
            return engine switch
            {
                "typed" => () => c.Typed(),
                "dynamic" => () => c.Dynamic(),
                "runtime" => () => c.RunTime(),
                "handwritten" => () => c.HandWritten(),
                _ => () => c.Handlebars(),
            };
        }
    }
}
