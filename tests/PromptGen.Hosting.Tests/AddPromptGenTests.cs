using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PromptGen.Hosting.Tests.Prompts;

namespace PromptGen.Hosting.Tests;

/// <summary>
/// <c>AddPromptGen</c> as an application uses it: configuration in, typed clients resolved from the container, and the
/// options each chat call receives asserted on a fake model.
/// </summary>
public sealed class AddPromptGenTests
{
    [Fact]
    public async Task Every_configured_option_reaches_the_chat_call()
    {
        var model = new RecordingChatClient();
        model.FirstAnswers.Enqueue("not json at all");
        using var services = Build(model, new()
        {
            ["PromptGen:Defaults:ReaskOnParseFailure"] = "true",
            ["PromptGen:Prompts:SortTicket:Model"] = "gpt-4.1-nano",
            ["PromptGen:Prompts:SortTicket:Temperature"] = "0.25",
            ["PromptGen:Prompts:SortTicket:TopP"] = "0.9",
            ["PromptGen:Prompts:SortTicket:TopK"] = "40",
            ["PromptGen:Prompts:SortTicket:MaxOutputTokens"] = "123",
            ["PromptGen:Prompts:SortTicket:FrequencyPenalty"] = "0.5",
            ["PromptGen:Prompts:SortTicket:PresencePenalty"] = "-0.5",
            ["PromptGen:Prompts:SortTicket:Seed"] = "42",
            ["PromptGen:Prompts:SortTicket:StopSequences:0"] = "END",
        });

        var result = await services.GetRequiredService<SortTicketPrompt.Client>().RunAsync("I was charged twice", channel: "email");

        Assert.Equal(SortTicketPrompt.Category.Billing, result.Value.Category);
        // The first answer did not parse: re-ask (from the defaults) asked once more.
        Assert.Equal(2, model.Requests.Count);
        var options = model.Requests[0].Options!;
        Assert.Equal("gpt-4.1-nano", options.ModelId);
        Assert.Equal(0.25f, options.Temperature);
        Assert.Equal(0.9f, options.TopP);
        Assert.Equal(40, options.TopK);
        Assert.Equal(123, options.MaxOutputTokens);
        Assert.Equal(0.5f, options.FrequencyPenalty);
        Assert.Equal(-0.5f, options.PresencePenalty);
        Assert.Equal(42L, options.Seed);
        Assert.Equal(new[] { "END" }, options.StopSequences);
        // What configuration leaves alone still comes from the frontmatter: the response format.
        Assert.IsType<ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Contains(model.Requests[0].Messages, m => m.Text.Contains("Channel: email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Defaults_apply_to_every_prompt_a_prompts_own_value_wins_and_the_frontmatter_fills_the_rest()
    {
        var model = new RecordingChatClient("A summary.");
        using var services = Build(model, new()
        {
            ["PromptGen:Defaults:Model"] = "default-model",
            ["PromptGen:Defaults:Temperature"] = "0.1",
            ["PromptGen:Prompts:SortTicket:Temperature"] = "0.7",
        });

        await services.GetRequiredService<SummarizePrompt.Client>().RunAsync("A long text.");
        model.Answer = "{\"category\": \"other\", \"summary\": \"s\"}";
        await services.GetRequiredService<SortTicketPrompt.Client>().RunAsync("Hello");

        var summarize = model.Requests[0].Options!;
        Assert.Equal("default-model", summarize.ModelId);
        Assert.Equal(0.1f, summarize.Temperature);
        var sort = model.Requests[1].Options!;
        Assert.Equal("default-model", sort.ModelId);
        Assert.Equal(0.7f, sort.Temperature);
        Assert.Equal(300, sort.MaxOutputTokens);
    }

    [Fact]
    public async Task A_callers_options_win_over_configuration()
    {
        var model = new RecordingChatClient();
        using var services = Build(model, new()
        {
            ["PromptGen:Prompts:SortTicket:Temperature"] = "0.25",
            ["PromptGen:Prompts:SortTicket:Model"] = "configured-model",
        });

        await services.GetRequiredService<SortTicketPrompt.Client>().RunAsync("Hello", options: new ChatOptions { Temperature = 0.9f });

        var options = model.Requests[0].Options!;
        Assert.Equal(0.9f, options.Temperature);
        Assert.Equal("configured-model", options.ModelId);
    }

    [Fact]
    public async Task Without_configuration_a_client_sends_the_frontmatter_options()
    {
        var model = new RecordingChatClient();
        using var services = Build(model, new());

        await services.GetRequiredService<SortTicketPrompt.Client>().RunAsync("Hello");

        var options = model.Requests[0].Options!;
        Assert.Equal("openai/gpt-4o-mini", options.ModelId);
        Assert.Equal(0.5f, options.Temperature);
        Assert.Equal(300, options.MaxOutputTokens);
    }

    [Fact]
    public async Task ChatClientKey_selects_the_keyed_chat_client()
    {
        var main = new RecordingChatClient("A summary.");
        var fast = new RecordingChatClient();
        using var services = Build(main, new() { ["PromptGen:Prompts:SortTicket:ChatClientKey"] = "fast" },
            s => s.AddKeyedChatClient("fast", fast));

        await services.GetRequiredService<SortTicketPrompt.Client>().RunAsync("Hello");
        await services.GetRequiredService<SummarizePrompt.Client>().RunAsync("Text");

        Assert.Single(fast.Requests);
        Assert.Contains(fast.Requests[0].Messages, m => m.Text.Contains("Ticket: Hello", StringComparison.Ordinal));
        Assert.Single(main.Requests);
        Assert.Contains(main.Requests[0].Messages, m => m.Text.Contains("Summarize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Variant_comes_from_configuration_and_a_callers_variant_wins()
    {
        var model = new RecordingChatClient();
        using var services = Build(model, new() { ["PromptGen:Prompts:SortTicket:Variant"] = "terse" });
        var client = services.GetRequiredService<SortTicketPrompt.Client>();

        var configured = await client.RunAsync("Hello");
        var chosen = await client.RunAsync("Hello", options: new PromptRunOptions { Variant = "base" });

        Assert.Equal("terse", configured.Variant);
        Assert.Contains(model.Requests[0].Messages, m => m.Text.Contains("TERSE", StringComparison.Ordinal));
        Assert.Null(chosen.Variant);
        Assert.DoesNotContain(model.Requests[1].Messages, m => m.Text.Contains("TERSE", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_prompt_name_fails_start_up_naming_the_key_and_the_known_prompts()
    {
        using var services = Build(new RecordingChatClient(), new() { ["PromptGen:Prompts:SortTickets:Temperature"] = "0" });

        var message = StartUpFailure(services);

        Assert.Contains("PromptGen:Prompts:SortTickets: there is no prompt named 'SortTickets'", message, StringComparison.Ordinal);
        Assert.Contains("Known prompts: ", message, StringComparison.Ordinal);
        Assert.Contains(SortTicketPrompt.PromptName, message, StringComparison.Ordinal);
        Assert.Contains(SummarizePrompt.PromptName, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PromptGen:Prompts:SortTicket:Temperature", "-1", "PromptGen:Prompts:SortTicket:Temperature is -1; it must be 0 or more.")]
    [InlineData("PromptGen:Prompts:sortticket:TopP", "1.5", "PromptGen:Prompts:sortticket:TopP is 1.5; it must be from 0 to 1.")]
    [InlineData("PromptGen:Defaults:MaxOutputTokens", "0", "PromptGen:Defaults:MaxOutputTokens is 0; it must be 1 or more.")]
    [InlineData("PromptGen:Prompts:SortTicket:Variant", "verbose", "PromptGen:Prompts:SortTicket:Variant: the prompt 'SortTicket' has no variant 'verbose'. Its variants: base, terse.")]
    [InlineData("PromptGen:Prompts:Summarize:Variant", "terse", "PromptGen:Prompts:Summarize:Variant: the prompt 'Summarize' has no variants")]
    [InlineData("PromptGen:Prompts:SortTicket:ChatClientKey", "missing", "PromptGen:Prompts:SortTicket:ChatClientKey: no IChatClient is registered with the key 'missing'")]
    public void A_bad_value_fails_start_up_naming_its_key(string key, string value, string expected)
    {
        using var services = Build(new RecordingChatClient(), new() { [key] = value });

        Assert.Contains(expected, StartUpFailure(services), StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_configuration_passes_start_up()
    {
        using var services = Build(new RecordingChatClient(), new()
        {
            ["PromptGen:Prompts:SortTicket:Variant"] = "terse",
            ["PromptGen:Prompts:SUMMARIZE:Temperature"] = "0",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void A_section_other_than_PromptGen_is_named_in_the_messages()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ai:Prompts:SortTicket:Temperature"] = "-2" })
            .Build();
        var collection = new ServiceCollection();
        collection.AddChatClient(new RecordingChatClient());
        collection.AddPromptGen(configuration.GetSection("Ai")).AddPromptGenHostingTestsPrompts();
        using var services = collection.BuildServiceProvider();

        Assert.Contains("Ai:Prompts:SortTicket:Temperature is -2", StartUpFailure(services), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_can_be_built_without_a_container()
    {
        var model = new RecordingChatClient();
        var client = new SortTicketPrompt.Client(new PromptBinding(model, new PromptOptions { Model = "direct" }));

        await client.RunAsync("Hello");

        Assert.Equal("direct", model.Requests.Single().Options!.ModelId);
    }

    [Fact]
    public async Task StreamAsync_applies_the_configured_options_too()
    {
        var model = new RecordingChatClient();
        using var services = Build(model, new() { ["PromptGen:Prompts:SortTicket:Temperature"] = "0.15" });

        var stream = services.GetRequiredService<SortTicketPrompt.Client>().StreamAsync("I was charged twice");
        await foreach (var _ in stream)
        {
        }

        var result = await stream.GetResultAsync();
        Assert.Equal(SortTicketPrompt.Category.Billing, result.Value.Category);
        Assert.Equal(0.15f, model.Requests.Single().Options!.Temperature);
    }

    [Fact]
    public async Task Options_configured_in_code_are_validated_and_applied_like_bound_ones()
    {
        var model = new RecordingChatClient();
        var collection = new ServiceCollection();
        collection.AddChatClient(model);
        collection.AddPromptGen(options => options.Prompts["SortTicket"] = new PromptOptions { TopK = 5 }).AddPromptGenHostingTestsPrompts();
        using var services = collection.BuildServiceProvider();

        services.GetRequiredService<IStartupValidator>().Validate();
        await services.GetRequiredService<SortTicketPrompt.Client>().RunAsync("Hello");

        Assert.Equal(5, model.Requests.Single().Options!.TopK);
    }

    [Fact]
    public void Configuration_naming_a_prompt_when_none_are_registered_says_how_to_register_them()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PromptGen:Prompts:SortTicket:Temperature"] = "0" })
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddPromptGen();
        using var services = collection.BuildServiceProvider();

        Assert.Contains("no prompts are registered (call the generated Add…Prompts() method on AddPromptGen())", StartUpFailure(services), StringComparison.Ordinal);
    }

    private static string StartUpFailure(IServiceProvider services) =>
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate()).Message;

    private static ServiceProvider Build(IChatClient model, Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddChatClient(model);
        configure?.Invoke(collection);
        collection.AddPromptGen().AddPromptGenHostingTestsPrompts();
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
