using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.AI;
using PromptGen.Consumer.Tests.Prompts;
using PromptGen.Rendering;

namespace PromptGen.Consumer.Tests;

/// <summary>The caller's history enumerable is read once per render (it may be a query or a one-shot sequence).</summary>
public sealed class HistoryTests
{
    private sealed class CountingHistory : IEnumerable<ChatMessage>
    {
        private readonly ChatMessage[] _messages;

        public CountingHistory(params ChatMessage[] messages) => _messages = messages;

        public int Enumerations { get; private set; }

        public IEnumerator<ChatMessage> GetEnumerator()
        {
            Enumerations++;
            return ((IEnumerable<ChatMessage>)_messages).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static CountingHistory Conversation() =>
        new(new ChatMessage(ChatRole.User, "What is 1+1?"), new ChatMessage(ChatRole.Assistant, "2."));

    [Fact]
    public void History_placed_by_the_template_is_enumerated_once_and_passed_through()
    {
        var history = Conversation();

        var messages = ChatWithHistoryPrompt.Render(new ChatWithHistoryPrompt.Input("And 2+2?"), new PromptRenderOptions { History = history });

        Assert.Equal(1, history.Enumerations);
        Assert.Equal(new[] { "Answer briefly.", "What is 1+1?", "2.", "And 2+2?" }, messages.Select(m => m.Text.Trim()));
        Assert.Equal(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User }, messages.Select(m => m.Role));
        Assert.All(messages.Skip(1).Take(2), m => Assert.Equal("history", m.AdditionalProperties?["purpose"]));
    }

    [Fact]
    public void History_inserted_before_the_last_user_message_is_enumerated_once()
    {
        var history = Conversation();

        var messages = GreetPrompt.Render(new GreetPrompt.Input("Ann"), new PromptRenderOptions { History = history });

        Assert.Equal(1, history.Enumerations);
        Assert.Equal(new[] { "What is 1+1?", "2." }, messages.Take(2).Select(m => m.Text));
        Assert.StartsWith("Say hello to Ann", messages[2].Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_shot_history_keeps_its_messages()
    {
        var queue = new Queue<ChatMessage>(Conversation());
        IEnumerable<ChatMessage> OneShot()
        {
            while (queue.Count > 0) yield return queue.Dequeue();
        }

        var original = Conversation().ToList();
        var messages = ChatWithHistoryPrompt.Render(new ChatWithHistoryPrompt.Input("And 2+2?"), new PromptRenderOptions { History = OneShot() });

        Assert.Equal(original.Select(m => (m.Role, m.Text)), messages.Skip(1).Take(2).Select(m => (m.Role, m.Text)));
        Assert.All(messages.Skip(1).Take(2), m => Assert.Equal("history", m.AdditionalProperties?["purpose"]));
    }
}
