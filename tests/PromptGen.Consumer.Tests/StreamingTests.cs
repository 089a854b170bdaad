using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI;
using PromptGen.Consumer.Tests.Prompts;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Streaming;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// <c>{Name}StreamAsync</c> used as an application uses it: <c>await foreach</c> over partial values, then
/// <c>GetResultAsync()</c>. The answers below are hand-written.
/// </summary>
public sealed class StreamingTests
{
    /// <summary>A hand-written answer for ExtractInvoice, with escapes, non-ASCII text and a surrogate pair.</summary>
    private const string InvoiceJson = """
        {"vendor": {"name": "Acme \"Tools\" Ltd", "address": {"street": "1 Main St\nUnit 2", "city": "Zürich 😀"}},
         "lines": [
           {"description": "Hammer", "quantity": 2, "unitPrice": 9.5},
           {"description": "Nails \u00e9", "quantity": 100, "unitPrice": 0.05}
         ],
         "total": 24.0, "currency": "EUR", "notes": ["paid", "thanks"]}
        """;

    [Fact]
    public async Task Streaming_through_the_OpenAI_client_yields_growing_partials_and_the_same_final_value_as_a_whole_call()
    {
        await using var server = FakeOpenAIServer.Start(request => FakeOpenAIStreams.IsStreamRequest(request)
            ? FakeOpenAIStreams.ChatStream(FakeOpenAIStreams.Split(InvoiceJson, 3))
            : FakeOpenAIServer.Chat(InvoiceJson));
        using var client = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(server.Endpoint) })
            .GetChatClient("test-model")
            .AsIChatClient();

        var stream = client.ExtractInvoiceStreamAsync("invoice text");
        var partials = new List<ExtractInvoicePrompt.PartialOutput>();
        await foreach (var partial in stream) partials.Add(partial);
        var result = await stream.GetResultAsync();
        var whole = await client.ExtractInvoiceAsync("invoice text");

        Assert.True(partials.Count > 20, $"only {partials.Count} partial values");
        for (var i = 1; i < partials.Count; i++)
        {
            PartialGrowth.AssertGrows(PartialGrowth.ToJson(partials[i - 1]), PartialGrowth.ToJson(partials[i]));
            Assert.NotEqual(PartialGrowth.ToJson(partials[i - 1])!.ToJsonString(), PartialGrowth.ToJson(partials[i])!.ToJsonString());
        }

        Assert.Equal(Json(whole.Value), Json(result.Value));
        Assert.Equal("Acme \"Tools\" Ltd", result.Value.Vendor.Name);
        Assert.Equal("Zürich 😀", result.Value.Vendor.Address!.City);
        Assert.Equal(15, result.Usage?.TotalTokenCount);
        var last = partials[^1];
        Assert.True(last.Completion.IsClosed);
        Assert.Equal("Nails é", last.Lines![1].Description);
        Assert.Equal(ExtractInvoicePrompt.Currency.EUR, last.Currency);
        Assert.Equal(new[] { "paid", "thanks" }, last.Notes);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task Fields_are_complete_once_the_model_has_moved_past_them()
    {
        var client = new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 1));
        var stream = client.ExtractInvoiceStreamAsync("invoice text");

        ExtractInvoicePrompt.PartialOutput? whileLines = null, afterLines = null;
        await foreach (var partial in stream)
        {
            if (partial.Lines is { Count: 2 } && whileLines is null) whileLines = partial;
            if (partial.Completion.IsComplete("lines") && afterLines is null) afterLines = partial;
        }

        Assert.NotNull(whileLines);
        Assert.True(whileLines.Completion.IsComplete("vendor"));
        Assert.True(whileLines.Completion.IsStarted("lines"));
        Assert.False(whileLines.Completion.IsComplete("lines"));
        Assert.False(whileLines.Completion.IsStarted("total"));
        Assert.Null(whileLines.Total);
        Assert.NotNull(afterLines);
        Assert.Equal(new[] { "vendor", "lines" }, afterLines.Completion.Completed);
        Assert.True(afterLines.Lines![1].Completion.IsClosed);
    }

    [Theory]
    [InlineData(InvoiceJson)]
    [InlineData("""{"vendor": {"name": "A", "name": "B"}, "extra": "x", "total": 12.5, "total": 3, "currency": "EUR", "notes": ["a", 7, "b"], "lines": []}""")]
    public void Each_partial_read_chunk_by_chunk_is_the_one_read_at_once_from_the_same_text(string json)
    {
        // The reader reads again only what can have changed since the last chunk; reading the same text in one piece
        // (a new reader, which reads every property) must give the same values and completeness at every length where
        // the stream would yield (a visible change: an empty string that has just opened is not one).
        var reader = new StreamingJsonReader();
        var compared = 0;
        for (var length = 1; length <= json.Length; length++)
        {
            var version = reader.Version;
            reader.Append(json.Substring(length - 1, 1));
            if (reader.Version == version)
            {
                continue;
            }

            compared++;
            var whole = new StreamingJsonReader();
            whole.Append(json.Substring(0, length));

            var chunked = ExtractInvoicePrompt.JsonCodec.PartialOutputReader.Read(reader.Root);
            var atOnce = ExtractInvoicePrompt.JsonCodec.PartialOutputReader.Read(whole.Root);

            Assert.Equal(PartialGrowth.ToJson(atOnce)?.ToJsonString(), PartialGrowth.ToJson(chunked)?.ToJsonString());
        }

        Assert.True(compared > json.Length / 5, $"only {compared} of {json.Length} lengths compared");
    }

    [Fact]
    public void Readers_of_two_record_types_reading_one_streamed_object_each_get_their_own_record()
    {
        // A reader keeps what it has read in the streamed object; another record type's reader of the same object must
        // not take it for its own.
        var reader = new StreamingJsonReader();
        reader.Append("""{"name": "Acme", "vendor": {"name": "V"}, "total": 3""");

        var vendor = ExtractInvoicePrompt.JsonCodec.PartialVendorReader.Read(reader.Root);
        var output = ExtractInvoicePrompt.JsonCodec.PartialOutputReader.Read(reader.Root);
        reader.Append(""", "currency": "EUR"}""");
        var vendorAfter = ExtractInvoicePrompt.JsonCodec.PartialVendorReader.Read(reader.Root);
        var outputAfter = ExtractInvoicePrompt.JsonCodec.PartialOutputReader.Read(reader.Root);

        Assert.Equal("Acme", vendor!.Name);
        Assert.Equal("V", output!.Vendor!.Name);
        Assert.Null(output.Total);
        Assert.Equal("Acme", vendorAfter!.Name);
        Assert.True(vendorAfter.Completion.IsClosed);
        Assert.Equal(3.0, outputAfter!.Total);
        Assert.Equal(ExtractInvoicePrompt.Currency.EUR, outputAfter.Currency);
    }

    [Fact]
    public async Task Partial_values_already_yielded_never_change()
    {
        // Read as each partial arrives...
        var atYield = new List<string>();
        await foreach (var partial in new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 1)).ExtractInvoiceStreamAsync("x"))
            atYield.Add(PartialGrowth.ToJson(partial)!.ToJsonString());

        // ...and kept unread until the stream has finished: a consumer may hold on to any of them.
        var stream = new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 1)).ExtractInvoiceStreamAsync("x");
        var kept = new List<ExtractInvoicePrompt.PartialOutput>();
        await foreach (var partial in stream) kept.Add(partial);
        await stream.GetResultAsync();

        Assert.True(atYield.Count > 100, $"only {atYield.Count} partial values");
        Assert.Equal(atYield, kept.Select(p => PartialGrowth.ToJson(p)!.ToJsonString()));
    }

    [Fact]
    public async Task A_copy_with_values_given_in_code_changes_only_those_and_leaves_the_streamed_partial_as_it_was()
    {
        ExtractInvoicePrompt.PartialOutput? midNotes = null;
        await foreach (var partial in new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 1)).ExtractInvoiceStreamAsync("x"))
        {
            if (partial.Notes is [_, "th"]) midNotes = partial;
        }

        Assert.NotNull(midNotes);
        var edited = midNotes with { Notes = new[] { "edited" }, Completion = PartialFields.None };
        var vendor = midNotes.Vendor! with { Name = "Other" };

        Assert.Equal(new[] { "edited" }, edited.Notes);
        Assert.Equal(PartialFields.None, edited.Completion);
        Assert.Same(midNotes.Vendor, edited.Vendor);
        Assert.Equal(midNotes.Total, edited.Total);
        Assert.Equal(("Other", "Zürich 😀"), (vendor.Name, vendor.Address!.City));
        // The streamed partials keep what they had.
        Assert.Equal(new[] { "paid", "th" }, midNotes.Notes);
        Assert.Equal("Acme \"Tools\" Ltd", midNotes.Vendor!.Name);
        Assert.Equal(new[] { "vendor", "lines", "total", "currency" }, midNotes.Completion.Completed);
        // Giving a field the value it has is no change; records built in code compare by their values.
        Assert.Equal(midNotes, midNotes with { Notes = new[] { "paid", "th" } });
        Assert.NotEqual(midNotes, edited);
        Assert.Equal(new ExtractInvoicePrompt.PartialOutput { Notes = new[] { "a" } }, new ExtractInvoicePrompt.PartialOutput { Notes = new[] { "a" } });
        Assert.NotEqual(new ExtractInvoicePrompt.PartialOutput { Notes = new[] { "a" } }, new ExtractInvoicePrompt.PartialOutput { Notes = new[] { "b" } });
        var built = new ExtractInvoicePrompt.PartialVendor { Name = "Built" };
        Assert.Equal(("Built", (ExtractInvoicePrompt.PartialAddress?)null, PartialFields.None), (built.Name, built.Address, built.Completion));
        Assert.Null(new ExtractInvoicePrompt.PartialOutput().Notes);
    }

    [Fact]
    public async Task Booleans_numbers_and_enum_values_are_null_until_complete_then_keep_their_value()
    {
        const string answer = """{"urgent": true, "escalate": false, "count": 0, "level": "high"}""";
        var stream = new ChunkedChatClient(ChunkedChatClient.Split(answer, 1)).StreamFlagsStreamAsync("x");
        var partials = new List<StreamFlagsPrompt.PartialOutput>();
        await foreach (var partial in stream) partials.Add(partial);
        var result = await stream.GetResultAsync();

        var last = partials[^1];
        Assert.Equal((true, false, 0L, StreamFlagsPrompt.Level.High), (last.Urgent, last.Escalate, last.Count, last.Level)!);
        Assert.Equal((result.Value.Urgent, result.Value.Escalate, result.Value.Count), (last.Urgent!.Value, last.Escalate!.Value, last.Count!.Value));
        // false and 0 are values, not "not yet": they appear once complete and stay.
        var escalateAt = partials.FindIndex(p => p.Escalate is not null);
        Assert.True(escalateAt > 0);
        Assert.All(partials.Take(escalateAt), p => Assert.Null(p.Escalate));
        Assert.All(partials.Skip(escalateAt), p => Assert.False(p.Escalate));
        Assert.All(partials.Where(p => p.Urgent is not null), p => Assert.True(p.Urgent));
        Assert.Null(partials[0].Count);
        // Setting one field in a copy leaves the others as they were.
        var copy = last with { Escalate = null, Count = 7 };
        Assert.Equal((true, (bool?)null, 7L, StreamFlagsPrompt.Level.High), (copy.Urgent, copy.Escalate, copy.Count, copy.Level)!);
        Assert.Equal(last, last with { Urgent = true });
        Assert.NotEqual(last, copy);
    }

    [Fact]
    public async Task A_list_output_streams_its_items_so_far_and_says_when_it_is_complete()
    {
        const string answer = """["Ada", "Grace", "Linus"]""";
        var stream = new ChunkedChatClient(ChunkedChatClient.Split(answer, 1)).ListNamesStreamAsync("x");
        var partials = new List<ListNamesPrompt.PartialOutput>();
        await foreach (var partial in stream) partials.Add(partial);
        var result = await stream.GetResultAsync();

        Assert.Equal(new[] { "Ada", "Grace", "Linus" }, result.Value);
        Assert.Equal(new[] { "Ada", "Grace", "Linus" }, partials[^1].Value);
        Assert.True(partials[^1].IsComplete);
        Assert.All(partials.SkipLast(1), p => Assert.False(p.IsComplete));
        // The last name grows while it is written; not every one-character chunk changes the value.
        Assert.Contains(partials, p => p.Value is ["Ada", "Gr"]);
        Assert.InRange(partials.Count, 2, answer.Length - 1);
    }

    [Fact]
    public async Task A_number_appears_only_when_complete()
    {
        var client = new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 1));
        var totals = new List<double?>();
        await foreach (var partial in client.ExtractInvoiceStreamAsync("invoice text")) totals.Add(partial.Total);

        Assert.All(totals.Where(t => t is not null), t => Assert.Equal(24.0, t));
        var quantities = new List<long>();
        await foreach (var partial in new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 1)).ExtractInvoiceStreamAsync("x"))
            if (partial.Lines is { Count: 2 } lines && lines[1].Quantity is { } q) quantities.Add(q);
        Assert.All(quantities, q => Assert.Equal(100, q));
    }

    [Fact]
    public async Task An_update_is_yielded_only_when_the_value_changed()
    {
        // Whitespace-only chunks and the pending digits of a number change nothing visible.
        var chunks = new[] { "{", "  ", "\"total\"", ":", " ", "2", "4", ".5", "\n", ",", " ", "\"currency\": \"GBP\"", "}", "  " };
        var client = new ChunkedChatClient(chunks);
        var partials = new List<string>();
        await foreach (var partial in client.ExtractInvoiceStreamAsync("x")) partials.Add(PartialGrowth.ToJson(partial)!.ToJsonString());

        Assert.Equal(partials.Count, partials.Distinct().Count());
        Assert.True(partials.Count < chunks.Length);
    }

    [Fact]
    public async Task GetResultAsync_reads_the_rest_when_the_caller_stopped_early()
    {
        var client = new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 4));
        var stream = client.ExtractInvoiceStreamAsync("invoice text");
        await foreach (var partial in stream)
        {
            if (partial.Vendor?.Name is not null) break;
        }

        var pulledAtBreak = client.ChunksPulled;
        var result = await stream.GetResultAsync();

        Assert.True(pulledAtBreak < InvoiceJson.Length / 4);
        Assert.Equal(Json(ExtractInvoicePrompt.Parse(InvoiceJson)), Json(result.Value));
        Assert.Equal(1, client.StreamRequests);
        Assert.Equal(17, result.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task GetResultAsync_without_enumerating_streams_once_and_parses()
    {
        var client = new ChunkedChatClient(ChunkedChatClient.Split("```json\n" + InvoiceJson + "\n```", 7));
        var result = await client.ExtractInvoiceStreamAsync("invoice text").GetResultAsync();

        Assert.Equal(24.0, result.Value.Total);
        Assert.Contains(result.Repairs, r => r.Kind == PromptRepairKind.StrippedCodeFence);
    }

    [Fact]
    public async Task A_stream_can_be_enumerated_once()
    {
        var stream = new ChunkedChatClient(new[] { InvoiceJson }).ExtractInvoiceStreamAsync("x");
        await foreach (var _ in stream) { }

        Assert.Throws<InvalidOperationException>(() => stream.GetAsyncEnumerator());
    }

    [Fact]
    public async Task Cancellation_stops_the_stream()
    {
        using var cancel = new CancellationTokenSource();
        var client = new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 2)) { AfterChunk = n => { if (n == 10) cancel.Cancel(); } };
        var stream = client.ExtractInvoiceStreamAsync("x", cancellationToken: cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in stream) { }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.GetResultAsync());
        Assert.True(client.ChunksPulled <= 11);
    }

    [Fact]
    public async Task The_enumerators_token_cancels_too()
    {
        using var cancel = new CancellationTokenSource();
        var client = new ChunkedChatClient(ChunkedChatClient.Split(InvoiceJson, 2)) { AfterChunk = n => { if (n == 5) cancel.Cancel(); } };
        var stream = client.ExtractInvoiceStreamAsync("x");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in stream.WithCancellation(cancel.Token)) { }
        });
    }

    [Fact]
    public async Task Reask_happens_after_the_stream_ends_and_is_reported()
    {
        var client = new ChunkedChatClient(
            ChunkedChatClient.Split("I cannot produce JSON today.", 5),
            new[] { InvoiceJson });
        var stream = client.ExtractInvoiceStreamAsync("x", options: new PromptRunOptions { ReaskOnParseFailure = true });
        var partials = 0;
        await foreach (var _ in stream) partials++;
        var result = await stream.GetResultAsync();

        Assert.Equal(0, partials);
        Assert.Equal(2, result.Attempts);
        Assert.NotNull(result.Reports[0].Error);
        Assert.Null(result.Report.Error);
        Assert.Equal(1, client.StreamRequests);
        Assert.Equal(1, client.WholeRequests);
        Assert.Equal(24.0, result.Value.Total);
    }

    [Fact]
    public async Task Without_reask_an_unparseable_answer_throws_from_GetResultAsync()
    {
        var stream = new ChunkedChatClient(new[] { "no json" }).ExtractInvoiceStreamAsync("x");

        var error = await Assert.ThrowsAsync<PromptOutputException>(() => stream.GetResultAsync());
        Assert.Contains("1 attempt", error.Message);
    }

    [Fact]
    public async Task A_text_prompt_streams_the_text_so_far()
    {
        var client = new ChunkedChatClient(new[] { "Hello", ", ", "", "Ada", "!" });
        var stream = client.GreetStreamAsync("Ada");
        var partials = new List<string>();
        await foreach (var text in stream) partials.Add(text);
        var result = await stream.GetResultAsync();

        Assert.Equal(new[] { "Hello", "Hello, ", "Hello, Ada", "Hello, Ada!" }, partials);
        Assert.Equal("Hello, Ada!", result.Value);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } });
}
