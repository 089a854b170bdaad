using System;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Consumer.Tests.Prompts.Variants;

namespace PromptGen.Consumer.Tests;

/// <summary>Prompt variants (<c>Triage.concise.prompt</c> beside <c>Triage.prompt</c>) selected per call, as an application does.</summary>
public sealed class VariantTests
{
    private const string Billing = """{"category":"billing"}""";

    [Fact]
    public void The_variant_enum_lists_the_base_then_each_variant_file()
    {
        Assert.Equal(new[] { "Base", "Concise" }, Enum.GetNames<TriagePrompt.Variant>());
        Assert.Equal(new[] { "concise" }, TriagePrompt.VariantNames);
        Assert.Null(TriagePrompt.VariantName(TriagePrompt.Variant.Base));
        Assert.Equal("concise", TriagePrompt.VariantName(TriagePrompt.Variant.Concise));
    }

    [Fact]
    public void Each_variant_renders_its_own_template_and_options_over_the_same_input_type()
    {
        var input = new TriagePrompt.Input("Charged twice");

        var baseText = string.Join("\n", TriagePrompt.Render(input).Select(m => m.Text));
        var conciseText = string.Join("\n", TriagePrompt.Render(input, TriagePrompt.Variant.Concise).Select(m => m.Text));

        Assert.Contains("Think about what the customer needs first.", baseText, StringComparison.Ordinal);
        Assert.Equal("Category of this ticket? Charged twice", conciseText.Trim());
        Assert.Equal("openai/gpt-4o-mini", TriagePrompt.CreateOptions().ModelId);
        Assert.Equal("openai/gpt-4.1-nano", TriagePrompt.CreateOptions(TriagePrompt.Variant.Concise).ModelId);
        Assert.Equal(0.2f, TriagePrompt.CreateOptions(TriagePrompt.Variant.Concise).Temperature);
        Assert.NotNull(TriagePrompt.CreateOptions(TriagePrompt.Variant.Concise).ResponseFormat);
    }

    [Fact]
    public async Task Run_with_a_variant_sends_that_variant_and_reports_it_on_the_result()
    {
        var client = new FakeChatClient(Billing, Billing);

        var concise = await TriagePrompt.RunAsync(client, new TriagePrompt.Input("Charged twice"), TriagePrompt.Variant.Concise);
        var baseline = await TriagePrompt.RunAsync(client, new TriagePrompt.Input("Charged twice"));

        Assert.Equal("concise", concise.Variant);
        Assert.Equal(TriagePrompt.Category.Billing, concise.Value.Category);
        Assert.Equal("Category of this ticket? Charged twice", client.Requests[0].Messages.Single().Text.Trim());
        Assert.Equal("openai/gpt-4.1-nano", client.Requests[0].Options!.ModelId);
        Assert.Null(baseline.Variant);
        Assert.Equal(2, client.Requests[1].Messages.Count);
    }

    [Fact]
    public async Task The_variant_can_come_from_configuration_through_run_options()
    {
        var client = new FakeChatClient(Billing);

        var result = await client.TriageAsync("Charged twice", new PromptRunOptions { Variant = "concise" });

        Assert.Equal("concise", result.Variant);
        Assert.Equal("openai/gpt-4.1-nano", client.Requests.Single().Options!.ModelId);
    }

    [Fact]
    public async Task An_unknown_variant_name_is_an_argument_error_naming_the_known_ones()
    {
        var client = new FakeChatClient(Billing);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.TriageAsync("Charged twice", new PromptRunOptions { Variant = "verbose" }));

        Assert.Contains("'verbose'", error.Message, StringComparison.Ordinal);
        Assert.Contains("concise", error.Message, StringComparison.Ordinal);
        Assert.Empty(client.Requests);
    }
}
