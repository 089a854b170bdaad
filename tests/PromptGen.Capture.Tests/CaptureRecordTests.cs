using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Capture.Tests.Prompts;

namespace PromptGen.Capture.Tests;

/// <summary>What one captured call and one verdict look like in the file, and the hooks that shape them.</summary>
public sealed class CaptureRecordTests
{
    [Fact]
    public async Task A_call_is_captured_with_input_answer_value_repairs_and_feedback_joins_it_by_call_id()
    {
        var folder = CaptureFile.NewFolder();
        await using var capture = new PromptCapture(new PromptCaptureOptions { Path = Path.Combine(folder, "calls.jsonl") });
        var model = new ScriptedChatClient(_ => "```json\n{\"category\": \"Billing\", \"summary\": \"Charged twice.\",}\n```");
        using var client = new ChatClientBuilder(model).UsePromptCapture(capture).Build();

        var result = await client.SortTicketAsync("I was charged twice", customer: "ann@example.com");
        Assert.True(capture.RecordFeedback(result.CallId, 0, "Should have asked for the order number"));
        await capture.FlushAsync();

        var records = CaptureFile.ReadAll(folder);
        Assert.Equal(2, records.Count);
        var call = records[0];
        Assert.Equal(result.CallId, call.GetProperty("callId").GetString());
        Assert.Equal("I was charged twice", call.GetProperty("input").GetProperty("ticket").GetString());
        Assert.Equal("ann@example.com", call.GetProperty("input").GetProperty("customer").GetString());
        Assert.StartsWith("```json", call.GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.Equal("billing", call.GetProperty("value").GetProperty("category").GetString());
        var kinds = call.GetProperty("repairs").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.Contains(nameof(PromptRepairKind.StrippedCodeFence), kinds);
        Assert.Contains(nameof(PromptRepairKind.TrailingComma), kinds);
        Assert.Equal(1, call.GetProperty("attempts").GetInt32());
        Assert.True(call.GetProperty("latencyMs").GetDouble() >= 0);
        var feedback = records[1];
        Assert.Equal("feedback", feedback.GetProperty("type").GetString());
        Assert.Equal(result.CallId, feedback.GetProperty("callId").GetString());
        Assert.Equal(0, feedback.GetProperty("score").GetDouble());
        Assert.Equal("Should have asked for the order number", feedback.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task The_personal_data_hook_sees_every_string_with_its_path()
    {
        var folder = CaptureFile.NewFolder();
        var email = new Regex(@"[\w.]+@[\w.]+", RegexOptions.CultureInvariant);
        var paths = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var capture = new PromptCapture(new PromptCaptureOptions
        {
            Path = Path.Combine(folder, "calls.jsonl"),
            RedactPersonalData = (path, value) =>
            {
                paths.Add(path);
                return email.Replace(value, "[email]");
            },
        });
        var model = new ScriptedChatClient(_ => """{"category":"account","summary":"bob@example.com cannot log in"}""");
        using var client = new ChatClientBuilder(model).UsePromptCapture(capture).Build();

        await client.SortTicketAsync("Locked out, write to bob@example.com", customer: "bob@example.com");
        await capture.FlushAsync();

        var text = File.ReadAllText(Path.Combine(folder, "calls.jsonl"));
        Assert.DoesNotContain("bob@example.com", text, StringComparison.Ordinal);
        Assert.Contains("[email]", text, StringComparison.Ordinal);
        Assert.Contains("input.customer", paths);
        Assert.Contains("input.ticket", paths);
        Assert.Contains("output", paths);
        Assert.Contains("value.summary", paths);
    }

    [Fact]
    public async Task Sampling_filter_and_plain_chat_calls()
    {
        var folder = CaptureFile.NewFolder();
        await using var capture = new PromptCapture(new PromptCaptureOptions
        {
            Path = Path.Combine(folder, "calls.jsonl"),
            Filter = site => site.Name != SortTicketPrompt.PromptName,
        });
        var model = new ScriptedChatClient(_ => """{"category":"account","summary":"x"}""");
        using var client = new ChatClientBuilder(model).UsePromptCapture(capture).Build();

        await client.SortTicketAsync("filtered out");
        await client.GetResponseAsync("not a generated prompt");
        await capture.FlushAsync();

        Assert.Empty(CaptureFile.ReadAll(folder));
        Assert.Equal(0, capture.Statistics.Queued);
        Assert.Same(capture, client.GetService<PromptCapture>());
    }

    [Fact]
    public void Bad_options_fail_with_the_option_named()
    {
        Assert.Contains("Path", Assert.Throws<ArgumentException>(() => new PromptCapture(new PromptCaptureOptions())).Message, StringComparison.Ordinal);
        Assert.Contains("SampleRate", Assert.Throws<ArgumentOutOfRangeException>(() => new PromptCapture(new PromptCaptureOptions { Path = "x.jsonl", SampleRate = 2 })).Message, StringComparison.Ordinal);
    }
}
