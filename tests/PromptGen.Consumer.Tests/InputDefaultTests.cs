using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading.Tasks;
using PromptGen.Consumer.Tests.Prompts;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// <c>input.default</c> through the generated API, called as an application calls it: fields left out take the
/// frontmatter's defaults, as in the run-time renderer (<c>Prompts/Greet.prompt</c>).
/// </summary>
public sealed class InputDefaultTests
{
    private const string AllDefaults = "Say hello to Ann in a friendly tone with 2 marks, over-the-moon. #warm #short Bye";

    [Fact]
    public void Render_of_an_input_without_the_defaulted_fields_applies_the_defaults()
    {
        var messages = GreetPrompt.Render(new GreetPrompt.Input("Ann"));

        Assert.Equal(AllDefaults, Assert.Single(messages).Text);
    }

    [Fact]
    public void Fields_the_caller_gives_win_over_the_defaults()
    {
        var input = new GreetPrompt.Input("Ann", Tone: "formal", Marks: 0, Mood: GreetPrompt.Mood.Calm, Tags: new[] { "x" }, Closing: "Regards");

        var messages = GreetPrompt.Render(input);

        Assert.Equal("Say hello to Ann in a formal tone with 0 marks, calm. #x Regards", Assert.Single(messages).Text);
    }

    [Fact]
    public void A_null_field_takes_its_default()
    {
        var messages = GreetPrompt.Render(new GreetPrompt.Input("Ann", Tone: null, Tags: null, Closing: null!));

        Assert.Equal(AllDefaults, Assert.Single(messages).Text);
    }

    [Fact]
    public async Task The_extension_method_without_the_optional_arguments_sends_the_defaults()
    {
        var client = new FakeChatClient("Hello!");

        await client.GreetAsync("Ann");

        var (messages, _) = Assert.Single(client.Requests);
        Assert.Equal(AllDefaults, Assert.Single(messages).Text);
    }

    [Fact]
    public void Json_input_without_the_defaulted_fields_takes_the_defaults()
    {
        using var document = JsonDocument.Parse("""{"name":"Ann"}""");

        var messages = GreetPrompt.Render(document.RootElement);

        Assert.Equal(AllDefaults, Assert.Single(messages).Text);
    }

    [Fact]
    public void Json_input_with_an_explicit_null_renders_null_as_the_runtime_renderer_does()
    {
        using var document = JsonDocument.Parse("""{"name":"Ann","tone":null}""");

        var messages = GreetPrompt.Render(document.RootElement);

        Assert.Equal("Say hello to Ann in a  tone with 2 marks, over-the-moon. #warm #short Bye", Assert.Single(messages).Text);
    }

    [Fact]
    public void Constant_defaults_are_the_parameters_default_values_and_others_are_null()
    {
        var parameters = typeof(GreetPrompt.Input).GetConstructors().Single(c => c.GetParameters().Length == 6).GetParameters()
            .ToDictionary(p => p.Name!);

        Assert.False(parameters["Name"].HasDefaultValue);
        Assert.Equal("friendly", parameters["Tone"].DefaultValue);
        Assert.Equal(2L, parameters["Marks"].DefaultValue);
        Assert.Equal(GreetPrompt.Mood.OverTheMoon, (GreetPrompt.Mood)parameters["Mood"].DefaultValue!);
        Assert.Equal("Bye", parameters["Closing"].DefaultValue);
        Assert.True(parameters["Tags"].HasDefaultValue);
        Assert.Null(parameters["Tags"].DefaultValue);
        var extension = typeof(PromptChatClientExtensions).GetMethod(nameof(PromptChatClientExtensions.GreetAsync), BindingFlags.Public | BindingFlags.Static)!;
        Assert.Equal("friendly", extension.GetParameters().Single(p => p.Name == "tone").DefaultValue);
    }
}
