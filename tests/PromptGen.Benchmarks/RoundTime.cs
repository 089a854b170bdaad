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
}
