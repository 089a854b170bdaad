using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Catalog;
using PromptGen.Serialization;

namespace PromptGen.Tests.Catalog;

/// <summary>The runtime descriptor the generated catalog builds for each prompt over the prompt's own members.</summary>
public sealed class PromptDescriptorTests
{
    private static readonly PromptOutputParser<long> s_parser = new(JsonRead.Int64, JsonWrite.Int64, OutputShape.Integer);

    private static PromptDescriptor Create(Func<JsonElement, IList<ChatMessage>> render) => new(
        "count",
        "Prompts/Count.prompt",
        """{"type":"integer"}""",
        render,
        () => new ChatOptions { ModelId = "model-a" },
        s_parser.ParseToJson);

    [Fact]
    public void Members_are_the_given_values_and_the_prompts_own_render_options_and_parser()
    {
        JsonElement? rendered = null;
        var descriptor = Create(input =>
        {
            rendered = input;
            return new List<ChatMessage> { new(ChatRole.User, input.GetProperty("n").GetRawText()) };
        });

        Assert.Equal("count", descriptor.Name);
        Assert.Equal("Prompts/Count.prompt", descriptor.SourcePath);
        Assert.Equal("""{"type":"integer"}""", descriptor.OutputJsonSchema);

        var messages = descriptor.RenderJson(JsonText.ParseElement("""{"n":41}"""));
        Assert.Equal("41", Assert.Single(messages).Text);
        Assert.Equal(41, rendered!.Value.GetProperty("n").GetInt32());

        Assert.Equal("model-a", descriptor.CreateOptions().ModelId);
        Assert.NotSame(descriptor.CreateOptions(), descriptor.CreateOptions());

        var parsed = descriptor.ParseToJson(" 42 ");
        Assert.True(parsed.Success);
        Assert.Equal("42", parsed.ValueJson);
    }

    [Fact]
    public void Text_output_has_no_schema()
    {
        var descriptor = new PromptDescriptor("echo", "Echo.prompt", null, _ => new List<ChatMessage>(), () => new ChatOptions(), PromptTextOutput.ParseToJson);

        Assert.Null(descriptor.OutputJsonSchema);
        Assert.Equal("\"hi\"", descriptor.ParseToJson("hi").ValueJson);
    }

    [Fact]
    public void Missing_arguments_are_rejected_by_name()
    {
        Func<JsonElement, IList<ChatMessage>> render = _ => new List<ChatMessage>();
        Func<ChatOptions> options = () => new ChatOptions();
        Func<string, PromptJsonParseResult> parse = PromptTextOutput.ParseToJson;

        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new PromptDescriptor(null!, "p", null, render, options, parse)).ParamName);
        Assert.Equal("sourcePath", Assert.Throws<ArgumentNullException>(() => new PromptDescriptor("n", null!, null, render, options, parse)).ParamName);
        Assert.Equal("renderJson", Assert.Throws<ArgumentNullException>(() => new PromptDescriptor("n", "p", null, null!, options, parse)).ParamName);
        Assert.Equal("createOptions", Assert.Throws<ArgumentNullException>(() => new PromptDescriptor("n", "p", null, render, null!, parse)).ParamName);
        Assert.Equal("parseToJson", Assert.Throws<ArgumentNullException>(() => new PromptDescriptor("n", "p", null, render, options, null!)).ParamName);
    }
}
