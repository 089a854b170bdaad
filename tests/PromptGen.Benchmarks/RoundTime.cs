using System;
using System.Diagnostics;

namespace PromptGen.Benchmarks;

/// <summary>
/// The time one round took by two clocks: wall time, and the CPU time of the whole process (getrusage on Linux, the
/// clock node's process.cpuUsage reads too, so both sides of <see cref="InterleavedJs"/> are read alike). The process's
/// own helper threads (garbage collector, JIT or V8's) are in it, time spent waiting for a core is not.
/// </summary>
internal readonly record struct RoundTime(double WallNs, double CpuNs)
{
    /// <summary>How <see cref="CpuNs"/> is read on both sides of a paired comparison, for results files.</summary>
    public const string CpuClock = "process CPU time (getrusage: Environment.CpuUsage in .NET, process.cpuUsage in node), microseconds";

    /// <summary>Runs <paramref name="action"/> <paramref name="calls"/> times in this process, both clocks read either side.</summary>
    public static RoundTime Measure(Func<object?> action, int calls)
    {
        var cpuStart = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++) action();
        var wall = (Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency);
        return new RoundTime(wall, (Environment.CpuUsage.TotalTime - cpuStart).Ticks * 100.0);
    }

    /// <summary>During a warm-up, a batch of calls doubles until it takes this long, so that clock reads and pipe round trips stay few.</summary>
    private const double WarmUpBatchNanoseconds = 2e6;

    /// <summary>
    /// Runs <paramref name="run"/> for <paramref name="seconds"/> in batches that double up to about 2 ms; its nanoseconds
    /// per call in the fastest batch of the second half, for sizing the rounds of a paired comparison. The fastest, not the
    /// mean: on a busy machine the mean of a half second can be several times the undisturbed cost, and would size rounds
    /// far shorter than intended.
    /// </summary>
    public static double FastestPerCallNs(Func<int, RoundTime> run, double seconds)
    {
        var watch = Stopwatch.StartNew();
        var batch = 1;
        double fastest = double.MaxValue, last = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var ns = run(batch).WallNs;
            last = ns / batch;
            if (watch.Elapsed.TotalSeconds >= seconds / 2 && ns >= WarmUpBatchNanoseconds / 2)
            {
                fastest = Math.Min(fastest, last);
            }

            if (ns < WarmUpBatchNanoseconds) batch *= 2;
        }

        return fastest < double.MaxValue ? fastest : last;
    }
}
