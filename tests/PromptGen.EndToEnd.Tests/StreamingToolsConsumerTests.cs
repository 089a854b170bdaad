using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.EndToEnd.Tests;

/// <summary>
/// Streaming and tools from the packed packages, through Microsoft.Extensions.AI's OpenAI client against a local
/// OpenAI-compatible server that streams server-sent events: <c>{Name}StreamAsync</c> yields partial values that only
/// grow and end at the whole call's value, and a tool-using prompt runs the C# method (its arguments split over several
/// <c>delta.tool_calls</c> chunks) through <c>UseFunctionInvocation()</c>. The model answers are hand-written.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class StreamingToolsConsumerTests(PackedPackages packages)
{
    /// <summary>Hand-written answer of the ExtractOrder prompt.</summary>
    private const string OrderJson = """{"orderId":"A-1182","items":["hammer","box of nails"],"total":24.5}""";

    private const string ExtractOrderPrompt = """
        ---
        input:
          schema:
            text: string
        output:
          schema:
            orderId: string
            items(array): string
            total: number
        ---
        Extract the order from: {{text}}
        """;

    private const string OrderQuestionPrompt = """
        ---
        tools: [lookupOrder]
        input:
          schema:
            question: string
        output:
          schema:
            orderId: string
            status: string
        ---
        {{role "system"}}
        Look orders up with the lookupOrder tool.
        {{role "user"}}
        {{question}}
        """;

    private const string OrderStore = """
        using System.Collections.Generic;
        using PromptGen.Tools;

        namespace Consumer;

        /// <summary>Orders the lookupOrder tool reads; the status comes from the command line.</summary>
        public sealed class OrderStore(string status)
        {
            public List<string> Calls { get; } = new();

            /// <summary>Looks up the status of an order.</summary>
            /// <param name="orderId">The order number.</param>
            /// <param name="attempt">How many times the model has asked.</param>
            [PromptTool]
            public string LookupOrder(string orderId, int attempt)
            {
                Calls.Add(orderId + "|" + attempt);
                return status;
            }
        }
        """;

    private const string Program = """
        using System;
        using System.ClientModel;
        using System.Linq;
        using System.Text.Json;
        using Consumer;
        using Consumer.Prompts;
        using Microsoft.Extensions.AI;
        using OpenAI;

        var endpoint = args[0];
        using var openAI = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(endpoint) })
            .GetChatClient("test-model")
            .AsIChatClient();
        using var client = openAI.AsBuilder().UseFunctionInvocation().Build();

        var stream = client.ExtractOrderStreamAsync("one hammer and a box of nails, 24.50");
        await foreach (var partial in stream)
        {
            Console.WriteLine("PARTIAL=" + JsonSerializer.Serialize(new { orderId = partial.OrderId, items = partial.Items, total = partial.Total }));
        }

        var streamed = await stream.GetResultAsync();
        var whole = await client.ExtractOrderAsync("one hammer and a box of nails, 24.50");
        Console.WriteLine("STREAMED=" + JsonSerializer.Serialize(streamed.Value));
        Console.WriteLine("WHOLE=" + JsonSerializer.Serialize(whole.Value));

        var store = new OrderStore(args[1]);
        var toolStream = client.OrderQuestionStreamAsync(store, "Where is A-1182?");
        await foreach (var _ in toolStream)
        {
        }

        var answer = await toolStream.GetResultAsync();
        Console.WriteLine("TOOL_CALLS=" + string.Join(",", store.Calls));
        Console.WriteLine("STATUS=" + answer.Value.Status);
        var again = await client.OrderQuestionAsync(store, "Where is A-1182?");
        Console.WriteLine("WHOLE_STATUS=" + again.Value.Status);
        Console.WriteLine("TOOL_CALLS=" + string.Join(",", store.Calls));
        return 0;
        """;

    [EndToEndFact]
    public async Task Streamed_partials_grow_to_the_whole_value_and_a_streamed_tool_call_runs_the_method_with_typed_arguments()
    {
        var consumer = await BuiltConsumerAsync();
        Assert.True(consumer.Build.ExitCode == 0, consumer.Build.ToString());

        await using var server = FakeOpenAIServer.Start(Answer, maxRequests: 20, lifetime: TimeSpan.FromMinutes(4));
        var run = await consumer.Project.RunAsync(server.Endpoint, "Delivered");
        Assert.True(run.ExitCode == 0, run.ToString());

        var lines = run.StandardOutput.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var partials = lines.Where(l => l.StartsWith("PARTIAL=", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l["PARTIAL=".Length..])!.AsObject()).ToList();
        Assert.True(partials.Count > 10, run.ToString());
        for (var i = 1; i < partials.Count; i++) AssertGrows(partials[i - 1], partials[i], $"partial {i}");
        Assert.Equal("A-1182", (string?)partials[^1]["orderId"]);
        var streamed = Value(lines, "STREAMED=");
        Assert.Equal(Value(lines, "WHOLE="), streamed);
        Assert.Equal("""{"orderId":"A-1182","items":["hammer","box of nails"],"total":24.5}""", streamed);

        // The status exists only in the C# store: the answer has it because the tool ran and its result reached the model.
        Assert.Equal("Delivered", Value(lines, "STATUS="));
        Assert.Equal("Delivered", Value(lines, "WHOLE_STATUS="));
        Assert.Equal("A-1182|2,A-1182|2", lines.Last(l => l.StartsWith("TOOL_CALLS=", StringComparison.Ordinal))["TOOL_CALLS=".Length..]);
    }

    /// <summary>
    /// The fake model: ExtractOrder answers with <see cref="OrderJson"/> (streamed in 3-character events when asked to
    /// stream); OrderQuestion first calls lookupOrder, then answers with the status the tool returned.
    /// </summary>
    private static ScriptedResponse Answer(ReceivedRequest request)
    {
        var stream = FakeOpenAIStreams.IsStreamRequest(request);
        if (!request.Body.Contains("lookupOrder", StringComparison.Ordinal))
        {
            return stream ? FakeOpenAIStreams.ChatStream(FakeOpenAIStreams.Split(OrderJson, 3)) : FakeOpenAIServer.Chat(OrderJson);
        }

        var results = FakeOpenAIServer.ToolResults(request);
        if (results.Count == 0)
        {
            const string arguments = """{"orderId":"A-1182","attempt":2}""";
            return stream ? FakeOpenAIStreams.ToolCallStream("call_1", "lookupOrder", arguments, 4) : FakeOpenAIServer.ToolCalls(("call_1", "lookupOrder", arguments));
        }

        // A tool that returns a string hands the model the text itself; other results arrive as JSON.
        var content = results[0].Content;
        var status = content.StartsWith('"') ? JsonDocument.Parse(content).RootElement.GetString() : content;
        var answer = $$"""{"orderId":"A-1182","status":"{{status}}"}""";
        return stream ? FakeOpenAIStreams.ChatStream(FakeOpenAIStreams.Split(answer, 5)) : FakeOpenAIServer.Chat(answer);
    }

    /// <summary>Strings only gain characters at the end; any other value, once set, never changes; lists only gain items.</summary>
    private static void AssertGrows(JsonNode? before, JsonNode? after, string path)
    {
        if (before is null) return;
        Assert.True(after is not null, $"{path}: a value disappeared");
        switch (before)
        {
            case JsonObject o:
                foreach (var (name, value) in o) AssertGrows(value, after!.AsObject()[name], path + "." + name);
                break;
            case JsonArray a:
                var grown = after!.AsArray();
                Assert.True(grown.Count >= a.Count, $"{path}: items disappeared");
                for (var i = 0; i < a.Count; i++) AssertGrows(a[i], grown[i], $"{path}[{i}]");
                break;
            default:
                if (before.GetValueKind() == JsonValueKind.String)
                {
                    Assert.StartsWith((string)before!, (string?)after, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal(before.ToJsonString(), after!.ToJsonString());
                }

                break;
        }
    }

    private static string Value(List<string> lines, string prefix) => lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];

    private Task<BuiltConsumer> BuiltConsumerAsync() => packages.SharedAsync("consumer-streaming-tools", async () =>
    {
        var extraItems = """
            <ItemGroup>
                <PackageReference Include="Microsoft.Extensions.AI" Version="10.11.0" />
                <PackageReference Include="Microsoft.Extensions.AI.OpenAI" Version="10.11.0" />
              </ItemGroup>
            """;
        var project = ConsumerProject.Create(packages, "Consumer", ConsumerSources.PackageReferenceProject(packages.Version, extraItems), new Dictionary<string, string>
        {
            ["Program.cs"] = Program,
            ["OrderStore.cs"] = OrderStore,
            ["Prompts/ExtractOrder.prompt"] = ExtractOrderPrompt,
            ["Prompts/OrderQuestion.prompt"] = OrderQuestionPrompt,
        });
        return new BuiltConsumer(project, await project.BuildAsync(restore: true));
    });
}
