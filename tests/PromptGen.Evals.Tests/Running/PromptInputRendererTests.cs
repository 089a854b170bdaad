using PromptGen.Evals.Running;

namespace PromptGen.Evals.Tests.Running;

/// <summary>Rendering a built prompt with a case's (or <c>promptgen run</c>'s) input JSON.</summary>
public sealed class PromptInputRendererTests
{
    [Fact]
    public void An_input_that_fits_renders_the_prompts_messages()
    {
        var messages = PromptInputRenderer.TryRender(new ClassifyDescriptor(), """{"ticket":"refund please"}""", out var error);

        Assert.Null(error);
        Assert.Equal("Classify: refund please", Assert.Single(messages!).Text);
    }

    [Fact]
    public void An_input_the_prompt_cannot_render_is_an_error_that_names_the_reason()
    {
        var messages = PromptInputRenderer.TryRender(new ClassifyDescriptor(), """{"ticket":42}""", out var error);

        Assert.Null(messages);
        Assert.StartsWith("the prompt could not be rendered with this input: ", error);
        Assert.True(error!.Length > "the prompt could not be rendered with this input: ".Length, error);
    }
}
