using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;
using TicketTriage;
using TicketTriage.Prompts;

namespace PromptGen.Samples.Tests;

/// <summary>
/// The sample's streamed reply and its tool prompt, offline on the committed hand-written recordings, called through the
/// sample's own clients as the sample calls them.
/// </summary>
public sealed class TicketTriageStreamingAndToolTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "SampleEvals");

    public static TheoryData<string> TicketIds => new() { "double-charge", "crash-on-export", "wrong-item" };

    [Theory]
    [MemberData(nameof(TicketIds))]
    public async Task The_reply_streams_in_several_updates_and_ends_as_the_whole_reply(string ticketId)
    {
        var ticket = SampleTickets.All.Single(t => t.Id == ticketId);
        using var clients = TriageClients.Create(_ => null, Folder);
        using var scope = RecordingContext.Enter(ticket.Id, 0);
        var facts = await TicketPipeline.TriageAsync(clients, ticket);

        var stream = TicketPipeline.StreamReply(clients, facts);
        var partials = new List<string>();
        await foreach (var textSoFar in stream) partials.Add(textSoFar);
        var streamed = await stream.GetResultAsync();

        // The same request, not streamed: the replay answers it with the recording's joined text.
        var triage = facts.Classification.Value;
        var details = facts.Details.Value;
        var whole = await clients.Draft.DraftReplyAsync(
            customerName: details.Customer.Name,
            category: triage.Category.ToWireName(),
            priority: triage.Priority.ToWireName(),
            summary: triage.Summary,
            requestedAction: details.RequestedAction.ToWireName(),
            agent: TicketPipeline.Agent,
            orders: details.Orders.Count == 0
                ? null
                : details.Orders.Select(o => new DraftReplyPrompt.OrdersItem { OrderId = o.OrderId, Items = o.Items }).ToList(),
            team: TicketPipeline.TeamFor(triage.Category));

        Assert.True(partials.Count > 1, $"the reply arrived in {partials.Count} update(s)");
        for (var i = 1; i < partials.Count; i++)
        {
            Assert.StartsWith(partials[i - 1], partials[i], StringComparison.Ordinal);
            Assert.True(partials[i].Length > partials[i - 1].Length, $"update {i} added no text");
        }

        Assert.Equal(streamed.Value, partials[^1]);
        Assert.Equal(whole.Value, streamed.Value);
        Assert.Contains(TicketPipeline.Agent, streamed.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tool_prompt_calls_the_tool_method_with_the_recorded_arguments()
    {
        var question = SampleTickets.OrderQuestions.Single(q => q.Id == "order-shipped");
        using var clients = TriageClients.Create(_ => null, Folder);
        using var scope = RecordingContext.Enter(question.Id, 0);

        var answer = await clients.Orders.OrderStatusAsync(question.Text);

        var contents = answer.Response.Messages.SelectMany(m => m.Contents).ToList();
        var call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Equal("lookupOrder", call.Name);
        Assert.Equal(RecordedToolCallArguments("order-shipped"), ArgumentsJson(call));
        // Function invocation ran the generated tool, which called OrderBook.LookupOrder with those arguments; its return
        // value is the result sent back to the model, and the recorded next turn was keyed on it.
        var result = Assert.Single(contents.OfType<FunctionResultContent>());
        Assert.Equal(call.CallId, result.CallId);
        Assert.Equal(OrderBook.LookupOrder("2291"), result.Result?.ToString());
        Assert.Equal("2291", answer.Value.OrderId);
        Assert.Equal(OrderStatusPrompt.Status.Shipped, answer.Value.Status);
    }

    [Fact]
    public async Task The_tool_prompt_calls_no_tool_when_the_ticket_names_no_order()
    {
        var question = SampleTickets.OrderQuestions.Single(q => q.Id == "no-order-number");
        using var clients = TriageClients.Create(_ => null, Folder);
        using var scope = RecordingContext.Enter(question.Id, 0);

        var answer = await clients.Orders.OrderStatusAsync(question.Text);

        Assert.Empty(answer.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(OrderStatusPrompt.Status.Unknown, answer.Value.Status);
    }

    /// <summary>The arguments of the tool call recorded for a case, as compact JSON, read from the recordings file itself.</summary>
    private static string RecordedToolCallArguments(string caseId)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "OrderStatus.eval.recordings.json")));
        var toolCall = file.RootElement.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("case").GetString() == caseId && e.GetProperty("response").TryGetProperty("toolCalls", out _))
            .Select(e => e.GetProperty("response").GetProperty("toolCalls")[0])
            .Single();
        using var arguments = JsonDocument.Parse(toolCall.GetProperty("arguments").GetString()!);
        return JsonSerializer.Serialize(arguments.RootElement);
    }

    private static string ArgumentsJson(FunctionCallContent call) =>
        JsonSerializer.Serialize(call.Arguments!.ToDictionary(a => a.Key, a => a.Value?.ToString()));
}
