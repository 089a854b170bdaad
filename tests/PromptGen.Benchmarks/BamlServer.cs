using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace PromptGen.Benchmarks;

/// <summary>
/// BAML's parser in a node process of its own, in serve mode (<c>run-baml.ts --serve</c> under tsx, next to the
/// generated <c>baml_client</c> that eng/bench.sh writes into the BAML tools folder; a <see cref="NodeRoundServer"/>): it
/// loads the malformed cases of the parsing corpus, then parses them on request and answers the elapsed wall
/// nanoseconds measured inside node and node's process CPU time over the same passes.
/// </summary>
internal sealed class BamlServer : IDisposable
{
    /// <summary>Loading BAML's native module and the cases takes about a second; a minute means something is wrong.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Rust's backtrace switches, removed from the server's environment: with one of them set (a developer machine or CI
    /// image may set <c>RUST_BACKTRACE=1</c>), BAML's parser captures a backtrace for every error it logs while it
    /// recovers, about a fifth of its time on this corpus. BAML's default, what its users run, captures none.
    /// </summary>
    internal static readonly string[] BacktraceVariables = { "RUST_BACKTRACE", "RUST_LIB_BACKTRACE" };

    private readonly NodeRoundServer _server;

    private BamlServer(NodeRoundServer server, int cases)
    {
        _server = server;
        Cases = cases;
    }

    /// <summary>The malformed cases one pass parses, as the server counted them.</summary>
    public int Cases { get; }

    /// <summary>Starts <c>node_modules/.bin/tsx run-baml.ts --serve</c> in <paramref name="bamlDirectory"/> and waits for its ready line.</summary>
    public static BamlServer Start(string bamlDirectory, string corpusDirectory)
    {
        var tsx = Path.Combine(bamlDirectory, "node_modules", ".bin", "tsx");
        var script = Path.Combine(bamlDirectory, "run-baml.ts");
        if (!File.Exists(tsx) || !File.Exists(script))
        {
            throw new NodeRoundServerException($"BAML's parser: no {(File.Exists(tsx) ? script : tsx)} (eng/bench.sh installs tsx and copies the script there)");
        }

        var start = new ProcessStartInfo(tsx) { WorkingDirectory = bamlDirectory };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--serve");
        start.ArgumentList.Add(corpusDirectory);
        start.Environment["BAML_LOG"] = "off";
        foreach (var variable in BacktraceVariables)
        {
            start.Environment.Remove(variable);
        }
        var server = NodeRoundServer.Start(start, "BAML's parser", ReadyTimeout);
        if (server.ReadyFields.Length != 1 || !int.TryParse(server.ReadyFields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var cases))
        {
            var failure = server.Failure($"expected 'ready <cases>', the ready line had '{string.Join(' ', server.ReadyFields)}'");
            server.Dispose();
            throw failure;
        }

        return new BamlServer(server, cases);
    }

    /// <summary>Parses every malformed case <paramref name="passes"/> times in node; the wall and process CPU nanoseconds node measured around them.</summary>
    public RoundTime Run(int passes) => _server.Run(string.Create(CultureInfo.InvariantCulture, $"pass {passes}"));

    public void Dispose() => _server.Dispose();
}
