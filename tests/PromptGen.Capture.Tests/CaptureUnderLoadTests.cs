using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Capture.Tests.Prompts;
using PromptGen.Security;

namespace PromptGen.Capture.Tests;

/// <summary>
/// 10,000 calls of a generated prompt from 32 concurrent tasks through the capture middleware: every call is one whole
/// line, none is lost while the queue has room, and a planted API key reaches no file.
/// </summary>
public sealed class CaptureUnderLoadTests
{
    // A fake key, assembled at run time so that secret scanners do not flag the test source.
    private static readonly string PlantedKey = "sk" + "-planted0123456789abcdefXYZ";
    private const int Calls = 10_000;
    private const int Tasks = 32;

    [Fact]
    public async Task Ten_thousand_concurrent_calls_are_ten_thousand_whole_lines_without_the_key()
    {
        var folder = CaptureFile.NewFolder();
        var scrubber = new SecretScrubber();
        scrubber.AddSecret(PlantedKey);
        var capture = new PromptCapture(new PromptCaptureOptions
        {
            Path = Path.Combine(folder, "calls.jsonl"),
            QueueCapacity = Calls + 10,
            MaxFileBytes = 1024 * 1024, // several rotations on the way
            Scrubber = scrubber,
        });
        // Hand-written answers; every tenth echoes the key back, as a model sometimes does.
        var model = new ScriptedChatClient(messages =>
        {
            var ticket = messages[^1].Text;
            var echo = ticket.Contains("#0", StringComparison.Ordinal) ? $" The key was {PlantedKey}." : string.Empty;
            return $$"""{"category":"billing","summary":"Customer writes: {{ticket.Length}} chars.{{echo}}"}""";
        });
        using var client = new ChatClientBuilder(model).UsePromptCapture(capture).Build();

        var next = -1;
        var ids = new string[Calls];
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Calls; i = Interlocked.Increment(ref next))
            {
                var ticket = $"Ticket #{i % 10}{i}: charged twice. My key is {PlantedKey}, Authorization: Bearer {PlantedKey}";
                var result = await client.SortTicketAsync(ticket);
                ids[i] = result.CallId;
            }
        })));
        await capture.DisposeAsync();

        var records = CaptureFile.ReadAll(folder);
        Assert.True(Directory.GetFiles(folder, "*.jsonl").Length > 1, "the capture file rotated");
        Assert.Equal(Calls, records.Count);
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), records.Select(r => r.GetProperty("callId").GetString()!).OrderBy(i => i, StringComparer.Ordinal));
        Assert.All(records, r =>
        {
            Assert.Equal("call", r.GetProperty("type").GetString());
            Assert.Equal(SortTicketPrompt.PromptName, r.GetProperty("prompt").GetString());
            Assert.Equal(SortTicketPrompt.PromptVersion, r.GetProperty("version").GetString());
            Assert.True(r.GetProperty("ok").GetBoolean());
            Assert.Equal("billing", r.GetProperty("value").GetProperty("category").GetString());
            Assert.Equal(28, r.GetProperty("usage").GetProperty("totalTokens").GetInt64());
            Assert.Equal("fake-model-1", r.GetProperty("model").GetString());
        });
        Assert.Equal(new PromptCaptureStatistics(Calls, Calls, 0, 0), capture.Statistics);
        foreach (var file in Directory.GetFiles(folder))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(PlantedKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("planted0123", text, StringComparison.Ordinal);
        }

        Assert.Contains(records, r => r.GetProperty("input").GetProperty("ticket").GetString()!.Contains(SecretScrubber.Redacted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_queue_is_full_calls_go_on_and_drops_are_counted_and_reported_in_the_file()
    {
        var folder = CaptureFile.NewFolder();
        using var writerBusy = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var capture = new PromptCapture(new PromptCaptureOptions
        {
            Path = Path.Combine(folder, "calls.jsonl"),
            QueueCapacity = 5,
            // The hook runs on the background writer: holding it there keeps the queue from draining.
            RedactPersonalData = (_, value) =>
            {
                writerBusy.Set();
                release.Wait();
                return value;
            },
        });
        var model = new ScriptedChatClient(_ => """{"category":"other","summary":"ok"}""");
        using var client = new ChatClientBuilder(model).UsePromptCapture(capture).Build();

        await client.SortTicketAsync("first");
        Assert.True(writerBusy.Wait(TimeSpan.FromMinutes(1)), "the writer took the first record");
        for (var i = 0; i < 20; i++)
        {
            var result = await client.SortTicketAsync("ticket " + i); // never blocks, never fails
            Assert.Equal(SortTicketPrompt.Category.Other, result.Value.Category);
        }

        Assert.Equal(15, capture.Statistics.Dropped);
        Assert.Equal(6, capture.Statistics.Queued);
        release.Set();
        await capture.DisposeAsync();

        var records = CaptureFile.ReadAll(folder);
        Assert.Equal(6, records.Count(r => r.GetProperty("type").GetString() == "call"));
        var dropped = Assert.Single(records, r => r.GetProperty("type").GetString() == "dropped");
        Assert.Equal(15, dropped.GetProperty("count").GetInt64());
    }
}
