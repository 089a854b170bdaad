using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Catalog;

namespace PromptGen.Evals.Tests.Running;

/// <summary>A hand-written descriptor standing in for generated code: renders the ticket, parses {"category": ...}.</summary>
internal sealed class ClassifyDescriptor : IPromptDescriptor
{
    public const string Prompt = """
        ---
        input:
          schema:
            type: object
            properties:
              ticket: { type: string }
            required: [ticket]
        output:
          schema:
            type: object
            properties:
              category: { type: string, enum: [billing, technical] }
            required: [category]
        ---
        Classify: {{ticket}}
        """;

    public int Renders;

    public string Name => "Classify";

    public string SourcePath => "Prompts/Classify.prompt";

    public string? OutputJsonSchema => """{"type":"object","properties":{"category":{"type":"string","enum":["billing","technical"]}},"required":["category"]}""";

    public IList<ChatMessage> RenderJson(JsonElement input)
    {
        System.Threading.Interlocked.Increment(ref Renders);
        return new List<ChatMessage> { new(ChatRole.User, "Classify: " + input.GetProperty("ticket").GetString()) };
    }

    public ChatOptions CreateOptions() => new() { ModelId = "test-model", Temperature = 0 };

    public PromptJsonParseResult ParseToJson(string modelText)
    {
        try
        {
            using var document = JsonDocument.Parse(modelText);
            return new PromptJsonParseResult(true, document.RootElement.GetRawText(), PromptParseReport.Clean);
        }
        catch (JsonException exception)
        {
            return new PromptJsonParseResult(false, null, new PromptParseReport(null, exception.Message));
        }
    }
}
