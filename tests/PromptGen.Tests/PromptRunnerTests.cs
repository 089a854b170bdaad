using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptGen.Tests;

public class PromptRunnerTests
{
    private static readonly OutputShape AnswerShape = OutputShape.Object(
        new OutputProperty("answer", OutputShape.Boolean),
        new OutputProperty("reason", OutputShape.String));

    /// <summary>What generated TryParse code does: repair to canonical JSON, then read it strictly.</summary>
    private static bool ReadAnswer(string text, out Answer? value, out PromptParseReport report)
    {
        var outcome = SchemaAlignedParser.Parse(text, AnswerShape);
        report = outcome.Report;
        value = null;
        if (!outcome.Success)
        {
            return false;
        }

        var reader = new Utf8JsonReader(outcome.Utf8Json.Span);
        using var document = JsonDocument.ParseValue(ref reader);
        value = new Answer(document.RootElement.GetProperty("answer").GetBoolean(), document.RootElement.GetProperty("reason").GetString()!);
        return true;
    }

    private static List<ChatMessage> Prompt() => new() { new ChatMessage(ChatRole.User, "Was the invoice paid twice?") };

    [Fact]
    public async Task First_answer_that_parses_is_returned_with_its_repairs()
    {
        var client = new FakeChatClient().Answer("```json\n{\"answer\": \"yes\", \"reason\": \"two payments\"}\n```");

        var result = await PromptRunner.RunAsync<Answer>(client, Prompt(), null, ReadAnswer, new PromptRunSettings(), CancellationToken.None);

        Assert.Equal(new Answer(true, "two payments"), result.Value);
        Assert.Equal(1, result.Attempts);
        Assert.Single(result.Reports);
        Assert.Contains(result.Repairs, r => r.Kind == PromptRepairKind.BooleanFromString);
        Assert.Contains(result.Repairs, r => r.Kind == PromptRepairKind.StrippedCodeFence);
        Assert.Equal(15, result.Usage!.TotalTokenCount);
        Assert.Single(client.Calls);
    }

    [Fact]
    public async Task Failure_without_reask_throws_with_report_and_text()
    {
        var client = new FakeChatClient().Answer("I cannot answer that.");

        var ex = await Assert.ThrowsAsync<PromptOutputException>(
            () => PromptRunner.RunAsync<Answer>(client, Prompt(), null, ReadAnswer, new PromptRunSettings(), CancellationToken.None));

        Assert.Equal("I cannot answer that.", ex.ModelText);
        Assert.Contains("expected an object", ex.Report.Error, StringComparison.Ordinal);
        Assert.Single(client.Calls);
    }

    [Fact]
    public async Task Reask_sends_the_answer_and_the_error_then_reports_both_attempts()
    {
        var client = new FakeChatClient()
            .Answer("{\"answer\": true}", inputTokens: 10, outputTokens: 4)
            .Answer("{\"answer\": true, \"reason\": \"two payments\"}", inputTokens: 20, outputTokens: 8);
        var messages = Prompt();

        var result = await PromptRunner.RunAsync<Answer>(client, messages, null, ReadAnswer, new PromptRunSettings { ReaskOnParseFailure = true }, CancellationToken.None);

        Assert.Equal(new Answer(true, "two payments"), result.Value);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, result.Reports.Count);
        Assert.Contains("missing required property 'reason'", result.Reports[0].Error, StringComparison.Ordinal);
        Assert.True(result.Reports[1].Succeeded);
        Assert.Same(result.Reports[1], result.Report);
        Assert.Equal(30, result.Usage!.InputTokenCount);
        Assert.Equal(12, result.Usage.OutputTokenCount);
        Assert.Equal(42, result.Usage.TotalTokenCount);

        var second = client.Calls[1];
        Assert.Equal(3, second.Count);
        Assert.Equal(ChatRole.Assistant, second[1].Role);
        Assert.Equal("{\"answer\": true}", second[1].Text);
        Assert.Equal(ChatRole.User, second[2].Role);
        Assert.Contains("missing required property 'reason'", second[2].Text, StringComparison.Ordinal);
        Assert.Single(messages); // the caller's list is not modified
    }

    [Fact]
    public async Task Reask_failure_throws_after_two_attempts()
    {
        var client = new FakeChatClient().Answer("nope").Answer("still nope");

        var ex = await Assert.ThrowsAsync<PromptOutputException>(
            () => PromptRunner.RunAsync<Answer>(client, Prompt(), null, ReadAnswer, new PromptRunSettings { ReaskOnParseFailure = true }, CancellationToken.None));

        Assert.Equal("still nope", ex.ModelText);
        Assert.Contains("2 attempt", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, client.Calls.Count);
    }

    [Fact]
    public async Task A_throwing_reader_becomes_a_parse_failure()
    {
        var client = new FakeChatClient().Answer("{}");
        PromptOutputReader<Answer> reader = (string _, out Answer? value, out PromptParseReport report) => throw new InvalidOperationException("boom");

        var ex = await Assert.ThrowsAsync<PromptOutputException>(
            () => PromptRunner.RunAsync(client, Prompt(), null, reader, null, CancellationToken.None));

        Assert.Contains("boom", ex.Report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed()
    {
        var client = new FakeChatClient().Answer("{}");
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => PromptRunner.RunAsync<Answer>(client, Prompt(), null, ReadAnswer, null, cts.Token));
    }

    public sealed record Answer(bool Value, string Reason);
}
