using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Consumer.Tests.Prompts;
using PromptGen.Consumer.Tests.Prompts.Drafts;

namespace PromptGen.Consumer.Tests;

/// <summary>Generated <c>CreateOptions</c> and <c>OutputJsonSchema</c>.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void CreateOptions_carries_model_config_and_the_json_schema_response_format()
    {
        var options = ClassifyTicketPrompt.CreateOptions();

        Assert.Equal("openai/gpt-4o-mini", options.ModelId);
        Assert.Equal(0f, options.Temperature);
        Assert.Equal(50, options.MaxOutputTokens);
        var format = Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("classify_ticket", format.SchemaName);
        Assert.Equal(Canonical(ClassifyTicketPrompt.OutputJsonSchema), Canonical(format.Schema!.Value.GetRawText()));
    }

    [Fact]
    public void OutputJsonSchema_is_the_converted_picoschema()
    {
        using var schema = JsonDocument.Parse(ClassifyTicketPrompt.OutputJsonSchema);
        var root = schema.RootElement;

        Assert.Equal("object", root.GetProperty("type").GetString());
        var category = root.GetProperty("properties").GetProperty("category");
        Assert.Equal(new[] { "billing", "technical", "account", "other" }, category.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("where the ticket goes", category.GetProperty("description").GetString());
        Assert.Equal(new[] { "category", "confidence" }, root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Text_output_prompt_has_no_response_format_and_no_parse_methods()
    {
        var options = DraftReplyPrompt.CreateOptions();

        Assert.Equal("anthropic/claude-sonnet", options.ModelId);
        Assert.Equal(0.7f, options.Temperature);
        Assert.Null(options.ResponseFormat);
        Assert.Null(typeof(DraftReplyPrompt).GetMethod("Parse"));
    }

    [Fact]
    public void Caller_options_win_over_the_prompt_options_and_fill_in_the_rest()
    {
        var merged = PromptChatOptions.Merge(ClassifyTicketPrompt.CreateOptions(), new ChatOptions { Temperature = 0.5f, ModelId = "local/model" });

        Assert.Equal(0.5f, merged.Temperature);
        Assert.Equal("local/model", merged.ModelId);
        Assert.Equal(50, merged.MaxOutputTokens);
        Assert.IsType<ChatResponseFormatJson>(merged.ResponseFormat);
    }

    private static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
