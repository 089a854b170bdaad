using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI;
using PromptGen.Consumer.Tests.Prompts.Tools;
using PromptGen.Evals.Tests.Providers;
using PromptGen.Tools;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// A prompt that declares <c>tools: [lookupOrder, shippingDays]</c>, used as an application uses it: the generated
/// <c>AIFunction</c>s on their own (schema, argument binding), and a whole call through Microsoft.Extensions.AI's OpenAI
/// client and <c>UseFunctionInvocation()</c> against a local OpenAI-compatible server that asks for a tool call.
/// </summary>
public sealed class ToolCallTests
{
    private static OrderStore Store() => new(new Dictionary<string, OrderState> { ["A-1182"] = OrderState.Shipped, ["B-7"] = OrderState.Pending });

    private static AIFunction Tool(OrderStore store, string name) =>
        Assert.IsAssignableFrom<AIFunction>(Assert.Single(OrderQuestionPrompt.CreateTools(store), t => t.Name == name));

    [Fact]
    public void The_tools_are_named_described_and_given_a_schema_from_the_methods()
    {
        var lookup = Tool(Store(), "lookupOrder");
        var shipping = Tool(Store(), "shippingDays");

        Assert.Equal("Looks up the current state of an order.", lookup.Description);
        Assert.Equal(
            """{"type":"object","properties":{"orderId":{"description":"The order number, e.g. A-1182.","type":"string"}},"required":["orderId"]}""",
            lookup.JsonSchema.GetRawText());
        Assert.Equal("""{"type":["string","null"],"enum":["Pending","Shipped","Delivered",null]}""", lookup.ReturnJsonSchema?.GetRawText());
        Assert.Equal("Working days a parcel takes to reach a country.", shipping.Description);
        Assert.Equal(
            """{"type":"object","properties":{"country":{"description":"ISO 3166 country code","type":"string"},"express":{"type":"boolean"}},"required":["country"]}""",
            shipping.JsonSchema.GetRawText());
    }

    [Fact]
    public void Static_tools_only_would_be_in_CreateOptions_while_instance_tools_need_their_object()
    {
        Assert.Null(OrderQuestionPrompt.CreateOptions().Tools);
        var tools = OrderQuestionPrompt.CreateOptions(Store()).Tools!;
        Assert.Equal(new[] { "lookupOrder", "shippingDays" }, tools.Select(t => t.Name));
        Assert.Throws<ArgumentNullException>(() => OrderQuestionPrompt.CreateTools(null!));
    }

    [Fact]
    public async Task Arguments_are_bound_from_JSON_and_the_result_is_written_as_JSON()
    {
        var store = Store();
        var result = await Tool(store, "lookupOrder").InvokeAsync(new AIFunctionArguments { ["orderId"] = JsonDocument.Parse("\"A-1182\"").RootElement });

        Assert.Equal(["A-1182"], store.Lookups);
        Assert.Equal("\"Shipped\"", Assert.IsType<JsonElement>(result).GetRawText());
        var unknown = await Tool(store, "lookupOrder").InvokeAsync(new AIFunctionArguments { ["orderId"] = "Z-0" });
        Assert.Equal(JsonValueKind.Null, Assert.IsType<JsonElement>(unknown).ValueKind);
    }

    [Fact]
    public async Task Optional_arguments_take_the_method_default_and_plain_values_are_accepted()
    {
        var shipping = Tool(Store(), "shippingDays");

        var standard = await shipping.InvokeAsync(new AIFunctionArguments { ["country"] = "FR" });
        var express = await shipping.InvokeAsync(new AIFunctionArguments { ["country"] = JsonDocument.Parse("\"FR\"").RootElement, ["express"] = JsonDocument.Parse("true").RootElement });

        Assert.Equal("2", Assert.IsType<JsonElement>(standard).GetRawText());
        Assert.Equal("1", Assert.IsType<JsonElement>(express).GetRawText());
    }

    [Fact]
    public async Task Missing_or_mistyped_arguments_are_reported_by_name()
    {
        var shipping = Tool(Store(), "shippingDays");

        var missing = await Assert.ThrowsAsync<PromptToolArgumentException>(() => shipping.InvokeAsync(new AIFunctionArguments()).AsTask());
        var mistyped = await Assert.ThrowsAsync<PromptToolArgumentException>(() => shipping.InvokeAsync(new AIFunctionArguments { ["country"] = JsonDocument.Parse("42").RootElement }).AsTask());

        Assert.Equal("country", missing.ParamName);
        Assert.Contains("required", missing.Message);
        Assert.Contains("must be a string, not the number 42", mistyped.Message);
    }

    [Fact]
    public async Task A_string_argument_that_is_not_text_is_reported_by_name()
    {
        // Valid JSON that does not decode: GetString threw InvalidOperationException before.
        var shipping = Tool(Store(), "shippingDays");

        var error = await Assert.ThrowsAsync<PromptToolArgumentException>(() => shipping.InvokeAsync(new AIFunctionArguments { ["country"] = JsonDocument.Parse("\"\\ud800\"").RootElement }).AsTask());

        Assert.Equal("country", error.ParamName);
        Assert.Contains("surrogate pair", error.Message);
    }

    [Fact]
    public async Task A_tool_call_from_the_model_runs_the_method_and_the_answer_depends_on_its_result()
    {
        await using var server = FakeOpenAIServer.Start(request =>
        {
            var results = FakeOpenAIServer.ToolResults(request);
            if (results.Count == 0) return FakeOpenAIServer.ToolCalls(("call_1", "lookupOrder", """{"orderId":"A-1182"}"""));
            // Hand-written model answer that repeats what the tool returned.
            var status = JsonDocument.Parse(results[0].Content).RootElement.GetString();
            return FakeOpenAIServer.Chat($$"""{"orderId":"A-1182","status":"{{status}}","answer":"Your order is {{status?.ToLowerInvariant()}}."}""");
        });
        var store = Store();
        using var client = OpenAIChatClient(server).AsBuilder().UseFunctionInvocation().Build();

        var result = await client.OrderQuestionAsync(store, "Where is my order A-1182?");

        Assert.Equal(["A-1182"], store.Lookups);
        Assert.Equal("Shipped", result.Value.Status);
        Assert.Equal("Your order is shipped.", result.Value.Answer);
        var requests = server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        using var first = JsonDocument.Parse(requests[0].Body);
        var declared = first.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(new[] { "lookupOrder", "shippingDays" }, declared);
        Assert.Equal(("call_1", "\"Shipped\""), Assert.Single(FakeOpenAIServer.ToolResults(requests[1])));
    }

    [Fact]
    public async Task Another_store_gives_another_answer()
    {
        await using var server = FakeOpenAIServer.Start(request =>
        {
            var results = FakeOpenAIServer.ToolResults(request);
            if (results.Count == 0) return FakeOpenAIServer.ToolCalls(("call_1", "lookupOrder", """{"orderId":"A-1182"}"""));
            var status = JsonDocument.Parse(results[0].Content).RootElement.GetString();
            return FakeOpenAIServer.Chat($$"""{"orderId":"A-1182","status":"{{status}}","answer":"-"}""");
        });
        var store = new OrderStore(new Dictionary<string, OrderState> { ["A-1182"] = OrderState.Delivered });
        using var client = OpenAIChatClient(server).AsBuilder().UseFunctionInvocation().Build();

        var result = await OrderQuestionPrompt.RunAsync(client, new OrderQuestionPrompt.Input("Where is A-1182?"), store);

        Assert.Equal("Delivered", result.Value.Status);
    }

    [Fact]
    public async Task Without_function_invocation_an_answer_that_is_only_a_tool_call_is_reported_clearly()
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.ToolCalls(("call_1", "lookupOrder", """{"orderId":"A-1182"}""")));
        using var client = OpenAIChatClient(server);

        var error = await Assert.ThrowsAsync<PromptToolCallException>(() => client.OrderQuestionAsync(Store(), "Where is A-1182?"));

        Assert.Contains("lookupOrder", error.Message);
        Assert.Contains("UseFunctionInvocation", error.Message);
        Assert.Equal("lookupOrder", Assert.Single(error.Calls).Name);
    }

    private static IChatClient OpenAIChatClient(FakeOpenAIServer server) =>
        new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(server.Endpoint) })
            .GetChatClient("test-model")
            .AsIChatClient();
}
