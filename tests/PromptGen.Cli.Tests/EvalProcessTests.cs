using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.Cli.Tests;

/// <summary>
/// <c>promptgen eval --mode auto</c> as separate processes against a local OpenAI-compatible server: Ctrl+C, two runs
/// at once on one eval file, and a model that echoes the API key.
/// </summary>
public sealed class EvalProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly string Billing = "{\"category\":\"billing\",\"confidence\":0.9}";

    private readonly TempFolder _project = new();

    public EvalProcessTests()
    {
        _project.Write("Prompts/ClassifyTicket.prompt", File.ReadAllText(Path.Combine(ConsumerDirectory(), "Prompts", "ClassifyTicket.prompt")));
    }

    public void Dispose() => _project.Dispose();

    private string Recordings => _project.PathOf("Prompts/ClassifyTicket.eval.recordings.json");

    private void WriteEval(params string[] caseIds) => _project.Write(
        "Prompts/ClassifyTicket.eval.yaml",
        "gate: { min-pass-rate: 0 }\ncases:\n" + string.Concat(caseIds.Select(id =>
            $"  - {{ id: {id}, critical: {(id == "echo" ? "true" : "false")}, input: {{ ticket: \"ticket {id}\" }}, assert: [ {{ path: category, equals: billing }} ] }}\n")));

    private string[] RecordedCases() => RecordingStore.Open(Recordings, EvalMode.Replay).Entries
        .Where(e => e.Key is not null).Select(e => e.CaseId).OrderBy(id => id, StringComparer.Ordinal).ToArray();

    private CliProcess Start(FakeOpenAIServer server, string? apiKey = null, params string[] extra) => CliProcess.Start(
        new Dictionary<string, string?> { ["PROMPTGEN_API_KEY"] = apiKey ?? "sk-test-0123456789abcdefghijkl" },
        new[] { "eval", _project.Path, "--assembly", ConsumerAssembly(), "--mode", "auto", "--no-progress", "--endpoint", server.Endpoint, "--model", "test-model" }
            .Concat(extra).ToArray());

    [Fact]
    public async Task Ctrl_C_after_three_paid_calls_exits_130_and_keeps_their_recordings()
    {
        if (OperatingSystem.IsWindows()) return; // SIGINT is sent with kill(2)
        WriteEval("c1", "c2", "c3", "c4", "c5", "c6");
        // Three answers, then a call that hangs until the client gives up on it.
        await using var server = FakeOpenAIServer.Start(request => request.Index < 3
            ? FakeOpenAIServer.Chat(Billing)
            : FakeOpenAIServer.Chat(Billing) with { Delay = TimeSpan.FromMinutes(5) });
        using var cli = Start(server, extra: new[] { "--max-concurrency", "1" });

        await WaitUntil(() => server.RequestCount >= 4, cli);
        cli.Interrupt();
        var exitCode = await cli.ExitAsync(Patience);

        Assert.True(exitCode == 130, cli.ToString());
        Assert.Contains("cancelled", cli.Stdout, StringComparison.Ordinal);
        Assert.Contains("recordings written", cli.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, RecordedCases().Length);
        Assert.Equal(4, server.RequestCount);
    }

    [Fact]
    public async Task Creating_the_cancel_file_after_three_paid_calls_exits_130_and_keeps_their_recordings()
    {
        WriteEval("c1", "c2", "c3", "c4", "c5", "c6");
        await using var server = FakeOpenAIServer.Start(request => request.Index < 3
            ? FakeOpenAIServer.Chat(Billing)
            : FakeOpenAIServer.Chat(Billing) with { Delay = TimeSpan.FromMinutes(5) });
        var cancelFile = _project.PathOf("obj/cancel");
        var findings = _project.PathOf("obj/findings.jsonl");
        using var cli = Start(server, extra: new[] { "--max-concurrency", "1", "--cancel-file", cancelFile, "--findings", findings });

        await WaitUntil(() => server.RequestCount >= 4, cli);
        Directory.CreateDirectory(Path.GetDirectoryName(cancelFile)!);
        File.WriteAllText(cancelFile, "cancel\n");
        var exitCode = await cli.ExitAsync(Patience);

        Assert.True(exitCode == 130, cli.ToString());
        Assert.Equal(3, RecordedCases().Length);
        Assert.Equal(4, server.RequestCount);
        var records = File.ReadAllLines(findings);
        Assert.Contains(records, r => r.Contains("\"kind\":\"recordings\"", StringComparison.Ordinal));
        Assert.Contains("\"outcome\":\"cancelled\"", records[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processes_recording_one_eval_file_at_once_keep_every_case_of_both()
    {
        WriteEval("a1", "a2", "b1", "b2");
        // No answer until both processes have asked: both have read the recordings file before either writes it.
        using var bothAsked = new CountdownEvent(2);
        await using var server = FakeOpenAIServer.Start(request =>
        {
            if (request.Index < 2) bothAsked.Signal();
            bothAsked.Wait(Patience);
            return FakeOpenAIServer.Chat(Billing);
        });

        using var first = Start(server, extra: new[] { "--filter", "a*", "--max-concurrency", "1" });
        using var second = Start(server, extra: new[] { "--filter", "b*", "--max-concurrency", "1" });
        var exitCodes = await Task.WhenAll(first.ExitAsync(Patience), second.ExitAsync(Patience));

        Assert.True(exitCodes.All(code => code == 0), first + "\n" + second);
        Assert.Contains("recordings written", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("recordings written", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(new[] { "a1", "a2", "b1", "b2" }, RecordedCases());
        Assert.False(File.Exists(Recordings + ".lock"));
    }

    [Fact]
    public async Task A_model_that_echoes_the_Authorization_header_leaks_the_key_nowhere()
    {
        WriteEval("echo");
        var random = new Random(3);
        var key = "pgplanted" + new string(Enumerable.Range(0, 500).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[random.Next(36)]).ToArray());
        await using var server = FakeOpenAIServer.Start(request => FakeOpenAIServer.Chat(
            "{\"category\":\"Authorization: " + request.Authorization + "\",\"confidence\":0.5,\"note\":\"" + request.Authorization + "\"}"));
        var reports = _project.PathOf("reports");

        using var cli = Start(server, apiKey: key, extra: new[] { "--report", reports });
        var exitCode = await cli.ExitAsync(Patience);

        Assert.Equal("Bearer " + key, Assert.Single(server.Requests).Authorization);
        Assert.True(exitCode == 1, cli.ToString());
        Assert.True(cli.Stdout.Contains("ClassifyTicket.eval.yaml(3,11): error PG1001", StringComparison.Ordinal), cli.ToString());
        var outputs = new List<(string, string)> { ("stdout", cli.Stdout), ("stderr", cli.Stderr), ("recordings", File.ReadAllText(Recordings)) };
        outputs.AddRange(Directory.GetFiles(reports).Select(f => (Path.GetFileName(f), File.ReadAllText(f))));
        Assert.Equal(7, outputs.Count);
        foreach (var (name, text) in outputs)
        {
            for (var i = 0; i + 12 <= key.Length; i++)
            {
                Assert.False(text.Contains(key.Substring(i, 12), StringComparison.Ordinal), $"{name} contains part of the key at {i}:\n{text}");
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition, CliProcess cli)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The server did not see the expected requests.\n" + cli);
            await Task.Delay(50);
        }
    }

    private static string ConsumerDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "PromptGen.Consumer.Tests"));

    private static string ConsumerAssembly()
    {
        var configuration = typeof(EvalProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "PromptGen.BuildConfiguration").Value!;
        return Path.Combine(ConsumerDirectory(), "bin", configuration, "net10.0", "PromptGen.Consumer.Tests.dll");
    }
}
