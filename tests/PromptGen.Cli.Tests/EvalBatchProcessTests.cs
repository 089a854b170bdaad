using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Tasks;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Tests.Batch;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.Cli.Tests;

/// <summary>
/// <c>promptgen eval --batch</c> and <c>--recordings-store</c> as separate processes against local servers. The model's
/// answers are hand-written (billing for every ticket).
/// </summary>
public sealed class EvalBatchProcessTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly string ApiKey = "sk-" + "batch-cli-" + new string('3', 24);

    private readonly TempFolder _project = new();

    public EvalBatchProcessTests()
    {
        _project.Write("Prompts/ClassifyTicket.prompt", File.ReadAllText(Path.Combine(ConsumerDirectory(), "Prompts", "ClassifyTicket.prompt")));
        _project.Write("Prompts/ClassifyTicket.eval.yaml", "gate: { min-pass-rate: 0 }\ncases:\n" + string.Concat(new[] { "c1", "c2", "c3" }.Select(id =>
            $"  - {{ id: {id}, input: {{ ticket: \"ticket {id}\" }}, assert: [ {{ path: category, equals: billing }} ] }}\n")));
    }

    public void Dispose() => _project.Dispose();

    private string Recordings => _project.PathOf("Prompts/ClassifyTicket.eval.recordings.json");

    private CliProcess Start(string endpoint, params string[] extra) => CliProcess.Start(
        new Dictionary<string, string?> { ["PROMPTGEN_API_KEY"] = ApiKey },
        new[] { "eval", _project.Path, "--assembly", ConsumerAssembly(), "--mode", "auto", "--no-progress", "--endpoint", endpoint, "--model", "test-model" }
            .Concat(extra).ToArray());

    private static string Billing(JsonElement _) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fixed",
        @object = "chat.completion",
        created = 1700000000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = "{\"category\":\"billing\",\"confidence\":0.9}" }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
    });

    [Fact]
    public async Task A_second_process_collects_the_batch_the_first_submitted()
    {
        var backend = new FakeBatchBackend { Answer = body => Billing(default), Hold = true };
        await using var server = FakeOpenAIServer.StartAllPaths(backend.Handle, maxRequests: 40, lifetime: Patience + Patience);
        var state = _project.PathOf("obj/batch-state.json");

        using (var first = Start(server.Endpoint, "--batch", "--batch-state", state, "--batch-timeout", "0"))
        {
            Assert.True(await first.ExitAsync(Patience) == 75, first.ToString());
            Assert.Contains("3 request(s) submitted in batches", first.Stdout, StringComparison.Ordinal);
            Assert.Contains("batches pending: batch_1", first.Stdout, StringComparison.Ordinal);
        }
        Assert.False(File.Exists(Recordings));
        Assert.DoesNotContain(ApiKey, File.ReadAllText(state), StringComparison.Ordinal);

        backend.Hold = false;
        using var second = Start(server.Endpoint, "--batch", "--batch-state", state);

        Assert.True(await second.ExitAsync(Patience) == 0, second.ToString());
        Assert.Single(backend.SubmittedLines);
        Assert.Equal(0, backend.DirectChatCalls);
        Assert.Equal(new[] { "c1", "c2", "c3" }, RecordingStore.Open(Recordings, EvalMode.Replay).Entries.Select(e => e.CaseId).ToArray());
        Assert.DoesNotContain(ApiKey, second.Stdout + second.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_recordings_store_fails_the_run_before_any_model_call()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("{\"category\":\"billing\",\"confidence\":0.9}"));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var cli = Start(server.Endpoint, "--recordings-store", $"redis://127.0.0.1:{port}");

        Assert.True(await cli.ExitAsync(Patience) == 1, cli.ToString());
        Assert.Contains($"error PG1004: The recordings store redis://127.0.0.1:{port} could not be reached", cli.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, server.RequestCount);
        Assert.False(File.Exists(Recordings));
    }

    private static string ConsumerDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "PromptGen.Consumer.Tests"));

    private static string ConsumerAssembly()
    {
        var configuration = typeof(EvalBatchProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "PromptGen.BuildConfiguration").Value!;
        return Path.Combine(ConsumerDirectory(), "bin", configuration, "net10.0", "PromptGen.Consumer.Tests.dll");
    }
}
