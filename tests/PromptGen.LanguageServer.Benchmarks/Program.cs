using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PromptGen.LanguageServer.Benchmarks;

/// <summary>
/// Entry point. <c>--quick</c>: a short in-process job (1 warm-up, 5 measured iterations) that proves the benchmarks run;
/// figures from it are indicative only. Other arguments go to BenchmarkDotNet.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToArray();
        var config = DefaultConfig.Instance;
        if (quick)
        {
            config = config.AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(1).WithIterationCount(5)
                .WithInvocationCount(16).WithUnrollFactor(1).WithId("quick"));
        }

        var summaries = BenchmarkRunner.Run<LatencyBenchmarks>(config, rest);
        return summaries.HasCriticalValidationErrors ? 1 : 0;
    }
}
