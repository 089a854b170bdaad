using System;
using System.Diagnostics;
using System.Runtime;

namespace PromptGen.Benchmarks;

/// <summary>
/// Warm-up until tiered compilation has reached its final code. A path through much code takes seconds to get there,
/// more than a short BenchmarkDotNet job warms up: <c>--timeline corpus parse 8</c> shows the malformed corpus at about
/// 1.1 ms a pass while the JIT compiles some 2,000 methods in the first 2.5 s, then about 0.2 ms a pass with at most a
/// method or two compiled a second; System.Text.Json's reflection path (<c>--timeline clean reflection 4</c>) gets there
/// after about 2 s, the stream after about 1.5 s. Timing earlier measures the JIT's intermediate code, and which
/// benchmark of a class happened to run first, instead of the path.
/// </summary>
internal static class SteadyState
{
    private const double WindowMilliseconds = 250;

    // A settled process still compiles a method now and then (a rarely taken branch reaching its call count).
    private const int SettledCompilations = 3;

    /// <summary>
    /// Calls <paramref name="action"/> for at least <paramref name="minSeconds"/>, then until the JIT has compiled fewer
    /// than three methods in the last half second, or for <paramref name="maxSeconds"/> at most. Both are needed: while
    /// the final code is coming, the JIT compiles dozens to hundreds of methods a half second, but tiering also has quiet
    /// half seconds of its own before it (System.Text.Json's source-generated path stopped a 1 s minimum at its first-tier
    /// speed, 1.9 µs a call against 1.2 µs later); the 2.5 s default covers the slowest path seen, the corpus.
    /// </summary>
    /// <returns>What the warm-up took, for the log: its length, the methods compiled and the last window's time per call.</returns>
    public static string WarmUp(Func<object?> action, double minSeconds = 2.5, double maxSeconds = 10)
    {
        var total = Stopwatch.StartNew();
        var compiledAtStart = JitInfo.GetCompiledMethodCount();
        // The count at the start of the window before the last one, and at the start of the last one.
        var compiledTwoWindowsAgo = compiledAtStart;
        var compiledOneWindowAgo = compiledAtStart;
        double last;
        while (true)
        {
            var window = Stopwatch.StartNew();
            long calls = 0;
            while (window.Elapsed.TotalMilliseconds < WindowMilliseconds)
            {
                action();
                calls++;
            }

            last = window.Elapsed.TotalMilliseconds * 1e6 / calls;
            var compiled = JitInfo.GetCompiledMethodCount();
            var seconds = total.Elapsed.TotalSeconds;
            if (seconds >= maxSeconds || (seconds >= minSeconds && compiled - compiledTwoWindowsAgo < SettledCompilations)) break;
            compiledTwoWindowsAgo = compiledOneWindowAgo;
            compiledOneWindowAgo = compiled;
        }

        return FormattableString.Invariant(
            $"warmed up for {total.Elapsed.TotalSeconds:F1} s ({JitInfo.GetCompiledMethodCount() - compiledAtStart} methods compiled), last {last:F0} ns a call");
    }

    /// <summary>For a BenchmarkDotNet global setup: <see cref="WarmUp"/>, its report written to the benchmark's log.</summary>
    public static void WarmUpAndLog(Func<object?> action) => Console.WriteLine("// " + WarmUp(action));
}
