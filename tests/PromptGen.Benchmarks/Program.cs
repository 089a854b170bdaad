using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PromptGen.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry point. Extra options (before BenchmarkDotNet's own, e.g. <c>--filter '*'</c>):
/// <c>--quick</c> runs a short in-process job (a couple of minutes for everything on two cores);
/// <c>--check</c> only verifies that every engine produces the same messages and values, then exits.
/// After a run, one line per benchmark <c>ops/s &lt;class&gt;.&lt;method&gt; &lt;operations per second&gt;</c> is printed for scripts.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var arguments = args.ToList();
        var quick = arguments.Remove("--quick");
        var checkOnly = arguments.Remove("--check");

        var problems = EquivalenceCheck.Run();
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("equivalence check: " + problem);
        }

        if (problems.Count > 0)
        {
            return 1;
        }

        if (checkOnly)
        {
            Console.WriteLine("equivalence check: every engine produces the same messages and values");
            return 0;
        }

        IConfig config = DefaultConfig.Instance;
        if (quick)
        {
            config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick"));
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments.ToArray(), config);
        PrintOperationsPerSecond(summaries);
        return 0;
    }

    private static void PrintOperationsPerSecond(IEnumerable<Summary> summaries)
    {
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
                Console.WriteLine(FormattableString.Invariant($"ops/s {target.Type.Name}.{target.WorkloadMethod.Name} {1e9 / mean.Value:F0}"));
            }
        }
    }
}
