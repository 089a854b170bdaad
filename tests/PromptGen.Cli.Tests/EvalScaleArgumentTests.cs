using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using PromptGen.Cli.Arguments;
using PromptGen.Cli.Verbs;

namespace PromptGen.Cli.Tests;

/// <summary>The command line of <c>eval --batch</c>, <c>--recordings-store</c> and <c>recordings export</c>.</summary>
public sealed class EvalScaleArgumentTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1.5h", 5400)]
    [InlineData("24H", 86400)]
    public void Batch_timeouts_are_durations(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), EvalScale.ParseDuration(text));

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-1m")]
    [InlineData("3d")]
    [InlineData("800h")]
    public void Other_batch_timeouts_are_usage_errors(string text)
    {
        var error = Assert.Throws<UsageException>(() => EvalScale.ParseDuration(text));

        Assert.Contains("--batch-timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_needs_a_store()
    {
        using var folder = new TempFolder();

        var run = CliRun.Of("recordings", "export", folder.Path);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--recordings-store redis://host:port is required", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_with_an_unreachable_store_fails_clearly()
    {
        using var folder = new TempFolder();
        folder.Write("Prompts/Classify.eval.yaml", "cases: []\n");
        folder.Write("bin/Debug/net8.0/App.dll", "not an assembly");
        folder.Write("App.csproj", "<Project />");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = CliRun.Of("recordings", "export", folder.Path, "--recordings-store", $"redis://127.0.0.1:{port}", "--assembly", folder.PathOf("bin/Debug/net8.0/App.dll"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"error PG1004: The recordings store redis://127.0.0.1:{port} could not be reached", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode replay --batch", "--batch sends calls to the model: use it with --mode auto or record, not replay")]
    [InlineData("--mode live --batch", "not live")]
    [InlineData("--mode auto --batch --models a,b", "--batch runs a suite, not an experiment")]
    [InlineData("--mode auto --batch-state s.json", "--batch-state and --batch-timeout go with --batch")]
    [InlineData("--mode replay --recordings-store redis://127.0.0.1:1", "--recordings-store is read and written in auto and record modes")]
    public void Options_the_mode_cannot_use_are_usage_errors_before_anything_loads(string options, string message)
    {
        using var folder = new TempFolder();
        folder.Write("Prompts/Classify.eval.yaml", "cases: []\n");
        folder.Write("App.csproj", "<Project />");

        var run = CliRun.Of(new[] { "eval", folder.Path, "--assembly", folder.PathOf("missing.dll") }.Concat(options.Split(' ')).ToArray());

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }
}
