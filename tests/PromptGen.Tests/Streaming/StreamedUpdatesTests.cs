using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Streaming;

namespace PromptGen.Tests.Streaming;

/// <summary>The updates a stream keeps for its final response: joining plain-text runs must not change that response.</summary>
public sealed class StreamedUpdatesTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<string> Streams => new()
    {
        "plain",
        "metadata changes",
        "tool call and usage",
        "additional properties",
        "raw representations",
        "two messages",
        "long runs",
        "no dates",
        "no dates, metadata changes",
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void The_response_is_the_one_ToChatResponse_makes_of_every_update(string name)
    {
        var updates = Stream(name);
        var kept = new StreamedUpdates();
        foreach (var update in updates) kept.Add(update);

        var expected = updates.ToChatResponse();
        var actual = kept.ToChatResponse();

        Assert.Equal(Json(expected), Json(actual));
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Messages.Count, actual.Messages.Count);
        for (var i = 0; i < expected.Messages.Count; i++)
        {
            Assert.Equal(
                expected.Messages[i].Contents.Select(c => c.GetType().Name + ":" + (c as TextContent)?.Text),
                actual.Messages[i].Contents.Select(c => c.GetType().Name + ":" + (c as TextContent)?.Text));
            Assert.Equal(
                expected.Messages[i].Contents.Select(c => c.RawRepresentation),
                actual.Messages[i].Contents.Select(c => c.RawRepresentation));
        }
    }

    [Fact]
    public void Plain_text_updates_with_the_same_metadata_are_kept_as_one()
    {
        var kept = new StreamedUpdates();
        foreach (var update in Stream("plain")) kept.Add(update);

        var response = kept.ToChatResponse();

        Assert.Equal("{\"a\":1,\"b\":[true,null]}", response.Text);
        Assert.Equal("msg-1", Assert.Single(response.Messages).MessageId);
    }

    private static List<ChatResponseUpdate> Stream(string name)
    {
        var texts = new[] { "{\"a\"", ":1,", "\"b\":", "[true", ",null", "]}" };
        ChatResponseUpdate Text(string text) => new(ChatRole.Assistant, text) { MessageId = "msg-1", ResponseId = "r-1", ModelId = "m", CreatedAt = Created };
        var updates = texts.Select(Text).ToList();
        switch (name)
        {
            case "metadata changes":
                updates[2].FinishReason = ChatFinishReason.Stop;
                updates[3].ModelId = "other";
                updates[4].CreatedAt = Created.AddSeconds(1);
                updates[5].AuthorName = "bot";
                break;
            case "tool call and usage":
                updates.Insert(3, new ChatResponseUpdate(ChatRole.Assistant, new List<AIContent> { new FunctionCallContent("call-1", "lookup", new Dictionary<string, object?> { ["id"] = 7 }) }) { MessageId = "msg-1" });
                updates.Add(new ChatResponseUpdate(null, new List<AIContent> { new UsageContent(new UsageDetails { InputTokenCount = 3, OutputTokenCount = 9 }) }));
                break;
            case "additional properties":
                updates[1].AdditionalProperties = new AdditionalPropertiesDictionary { ["k"] = "v" };
                updates[4].Contents[0].AdditionalProperties = new AdditionalPropertiesDictionary { ["first"] = 1 };
                break;
            case "raw representations":
                foreach (var update in updates) update.RawRepresentation = new object();
                updates[0].Contents[0].RawRepresentation = "raw text";
                break;
            case "two messages":
                for (var i = 3; i < updates.Count; i++) updates[i].MessageId = "msg-2";
                break;
            case "no dates":
                // Without dates the run's metadata is checked by reference first: equal values in other instances, and
                // updates without a role, still join as ToChatResponse joins them.
                updates = texts.Select(t => new ChatResponseUpdate(ChatRole.Assistant, t) { MessageId = "msg-1", ModelId = "m" }).ToList();
                updates[2].MessageId = new string("msg-1".ToCharArray());
                updates[3].ModelId = new string("m".ToCharArray());
                updates[4].Role = null;
                updates[5].Role = null;
                break;
            case "no dates, metadata changes":
                updates = texts.Select(t => new ChatResponseUpdate(ChatRole.Assistant, t) { MessageId = "msg-1" }).ToList();
                updates[1].ResponseId = "r-2";
                updates[2].ConversationId = "c-1";
                updates[3].AuthorName = "bot";
                updates[4].Role = ChatRole.User;
                updates[5].FinishReason = ChatFinishReason.Stop;
                break;
            case "long runs":
                // Runs longer than the first text buffer, split by a change of message: the buffer grows and is reused.
                updates = Enumerable.Range(0, 400).Select(i => Text("chunk " + i + ";")).ToList();
                for (var i = 250; i < 300; i++) updates[i].MessageId = "msg-2";
                for (var i = 300; i < updates.Count; i++) updates[i].MessageId = "msg-3";
                break;
        }

        return updates;
    }

    private static string Json(ChatResponse response) => JsonSerializer.Serialize(response, AIJsonUtilities.DefaultOptions);
}
