using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace PromptGen.Benchmarks;

/// <summary>
/// Generated <c>Parse</c> and BAML's parser over the malformed parsing corpus in paired rounds: a round of passes of
/// generated <c>Parse</c> in this process, then a round of BAML's parser served by node (<see cref="BamlServer"/>), the
/// order reversed every other round, so that adjacent rounds of both see the same moments of a shared machine. The
/// other malformed keys time the two sides in different processes at different moments (BAML's timed run before the
/// .NET benchmarks), and a slow spell of the host on one side of the ratio moved them by up to 1.8x.
/// <para>
/// The clock is wall time on both sides, as in <see cref="InterleavedJs"/>: a Stopwatch around the .NET round, and
/// node's process.hrtime.bigint around its passes, so the pipe is not counted. Each side's median round per pass is its
/// figure; the fastest round and the process CPU time of each round (<see cref="RoundTime"/>) are kept beside it.
/// </para>
/// </summary>
internal static class InterleavedBaml
{
    private const string Clock = "wall time (.NET: Stopwatch around the round; BAML: process.hrtime.bigint around the passes, inside node)";

    /// <summary>The default warm-up of BAML's side, for V8 to optimize the calls into BAML's native parser.</summary>
    public const double DefaultWarmUpSeconds = 1.5;

    /// <summary>The least warm-up of generated Parse, as in <see cref="Interleaved"/>; it goes on until the JIT is quiet (<see cref="SteadyState"/>).</summary>
    private const double DotnetWarmUpSeconds = 1.5;

    /// <summary>A round of each side lasts about this long: one pass of BAML's parser over the cases, as in its own timed run.</summary>
    private const double RoundNanoseconds = 30e6;

    public static int Run(string bamlDirectory, int rounds, string? resultsFile, double warmUpSeconds = DefaultWarmUpSeconds)
    {
        try
        {
            using var baml = BamlServer.Start(bamlDirectory, CorpusData.Folder);
            if (baml.Cases != CorpusData.CasesPerPass)
            {
                Console.Error.WriteLine($"interleave-baml: BAML's server read {baml.Cases} malformed cases, this program {CorpusData.CasesPerPass}: not the same corpus");
                return 1;
            }

            var corpus = new ParseCorpusBenchmarks();
            var loadBefore = Interleaved.LoadAverage();

            // Warm-up, then rounds sized from it: the .NET side to its final tier (SteadyState), BAML for the given time.
            SteadyState.WarmUp(() => corpus.GeneratedParse(), minSeconds: DotnetWarmUpSeconds);
            var dotnetPass = RoundTime.FastestPerCallNs(passes => RoundTime.Measure(() => corpus.GeneratedParse(), passes), 0.3);
            var bamlPass = RoundTime.FastestPerCallNs(baml.Run, warmUpSeconds);
            var dotnetCalls = Math.Max(1, (int)Math.Round(RoundNanoseconds / dotnetPass));
            var bamlCalls = Math.Max(1, (int)Math.Round(RoundNanoseconds / bamlPass));

            var sides = new (string Key, string Name, int Calls, Func<int, RoundTime> Run)[]
            {
                ("generated_parse", "generated Parse", dotnetCalls, passes => RoundTime.Measure(() => corpus.GeneratedParse(), passes)),
                ("baml", "BAML's parser", bamlCalls, baml.Run),
            };
            var wall = sides.Select(_ => new double[rounds]).ToArray();
            var cpu = sides.Select(_ => new double[rounds]).ToArray();
            for (var round = 0; round < rounds; round++)
            {
                for (var s = 0; s < sides.Length; s++)
                {
                    var k = round % 2 == 0 ? s : sides.Length - 1 - s;
                    var time = sides[k].Run(sides[k].Calls);
                    wall[k][round] = time.WallNs / sides[k].Calls;
                    cpu[k][round] = time.CpuNs / sides[k].Calls;
                }
            }

            var loadAfter = Interleaved.LoadAverage();
            double Median(int side) => Interleaved.Median(wall[side]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"malformed corpus ({CorpusData.CasesPerPass} cases a pass): median of {rounds} paired rounds of about {RoundNanoseconds / 1e6:F0} ms a side, wall time, load average {loadAfter}"));
            for (var s = 0; s < sides.Length; s++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {sides[s].Name,-16} {sides[s].Calls,5} passes a round   median {Median(s) / 1e3,10:F1} µs a pass   fastest {wall[s].Min() / 1e3,10:F1} µs   median CPU {Interleaved.Median(cpu[s]) / 1e3,10:F1} µs"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated Parse over BAML's parser, throughput: {Median(1) / Median(0):F1}x (median rounds), {wall[1].Min() / wall[0].Min():F1}x (fastest), {Interleaved.Median(cpu[1]) / Interleaved.Median(cpu[0]):F1}x (median rounds by process CPU time)"));

            if (resultsFile is not null)
            {
                // For eng/bench.sh (eng/bench/summarize.mjs makes the ratio): each side's median and fastest round, per pass.
                var results = new
                {
                    rounds,
                    cases_per_pass = CorpusData.CasesPerPass,
                    clock = Clock,
                    cpu_clock = RoundTime.CpuClock,
                    round_target_ms = RoundNanoseconds / 1e6,
                    warm_up_s_per_side = warmUpSeconds,
                    load_average_before = loadBefore,
                    load_average_after = loadAfter,
                    engines = sides.Select((side, s) => (side, s)).ToDictionary(
                        x => x.side.Key,
                        x => new
                        {
                            name = x.side.Name,
                            passes_per_round = x.side.Calls,
                            median_round_ns = Math.Round(Median(x.s), 1),
                            fastest_round_ns = Math.Round(wall[x.s].Min(), 1),
                            median_round_cpu_ns = Math.Round(Interleaved.Median(cpu[x.s]), 1),
                            fastest_round_cpu_ns = Math.Round(cpu[x.s].Min(), 1),
                        }),
                };
                File.WriteAllText(resultsFile, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
            }

            return 0;
        }
        catch (NodeRoundServerException e)
        {
            Console.Error.WriteLine("interleave-baml: " + e.Message);
            return 1;
        }
    }
}
