using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace PromptGen.Benchmarks;

/// <summary>
/// The Dotprompt JS reference in a node process of its own, in serve mode (<c>eng/bench/render-dotprompt.mjs --serve</c>,
/// a <see cref="NodeRoundServer"/>): it compiles the render templates, writes their messages for the equivalence check,
/// then renders on request and answers the elapsed wall nanoseconds measured inside node and node's process CPU time
/// over the same loop.
/// </summary>
internal sealed class DotpromptJsServer : IDisposable
{
    /// <summary>Compiling the templates takes about a second; a minute means something is wrong.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly NodeRoundServer _server;

    private DotpromptJsServer(NodeRoundServer server) => _server = server;

    /// <summary>Starts node on the script and waits for its <c>ready</c> line; by then <paramref name="messagesFile"/> is written.</summary>
    public static DotpromptJsServer Start(string node, string script, string toolsDirectory, string messagesFile)
    {
        var start = new ProcessStartInfo(node);
        foreach (var argument in new[] { script, "--serve", toolsDirectory, Path.Combine(BenchmarkData.Folder, "Prompts"), Path.Combine(BenchmarkData.Folder, "Data"), "0", messagesFile })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var c in RenderCase.All)
        {
            start.ArgumentList.Add($"{c.Name}={c.Prompt}:{c.InputFile}");
        }

        return new DotpromptJsServer(NodeRoundServer.Start(start, "the Dotprompt JS reference", ReadyTimeout));
    }

    /// <summary>Renders <paramref name="template"/> <paramref name="calls"/> times in node; the wall and process CPU nanoseconds node measured around the loop.</summary>
    /// <param name="withSchema">The prompt file with its frontmatter input schema, or the same body without it (<c>Prompts/Dynamic/</c>).</param>
    public RoundTime Run(string template, bool withSchema, int calls) =>
        _server.Run(string.Create(CultureInfo.InvariantCulture, $"run {template} {(withSchema ? "schema" : "no_schema")} {calls}"));

    public void Dispose() => _server.Dispose();
}
