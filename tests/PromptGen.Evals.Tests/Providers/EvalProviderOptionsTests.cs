using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Providers;

[assembly: PromptGen.Evals.Providers.EvalChatClientFactory(typeof(PromptGen.Evals.Tests.Providers.TestClientFactory))]

namespace PromptGen.Evals.Tests.Providers;

public sealed class TestClientFactory : IEvalChatClientFactory
{
    public IChatClient CreateChatClient(EvalClientRole role, EvalProviderOptions options) =>
        new StubChatClient(_ => "from factory: " + role);
}

public class EvalProviderOptionsTests
{
    private static Func<string, string?> Environment(Dictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;

    [Fact]
    public void Settings_come_from_the_environment()
    {
        var options = EvalProviderOptions.FromEnvironment(Environment(new()
        {
            ["PROMPTGEN_ENDPOINT"] = "http://localhost:11434/v1",
            ["PROMPTGEN_API_KEY"] = "secret-value-123",
            ["PROMPTGEN_MODEL"] = "llama3",
            ["PROMPTGEN_EVAL_MAX_CONCURRENCY"] = "8",
            ["PROMPTGEN_EVAL_TIMEOUT_SECONDS"] = "2.5",
            ["PROMPTGEN_INPUT_PRICE_PER_MTOK"] = "0.15",
            ["PROMPTGEN_EVAL_BUDGET"] = "5",
        }));

        Assert.Equal("http://localhost:11434/v1", options.Endpoint);
        Assert.Equal("secret-value-123", options.ApiKey);
        Assert.Equal("llama3", options.Model);
        Assert.Equal(8, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.CallTimeout);
        Assert.Equal(0.15m, options.InputPricePerMillionTokens);
        Assert.Equal(5m, options.Budget);
        Assert.True(options.IsConfigured);
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var options = EvalProviderOptions.FromEnvironment(_ => null);

        Assert.Equal(4, options.MaxConcurrency);
        Assert.Null(options.Model);
        Assert.False(options.IsConfigured);
        Assert.Null(EvalCostMeter.FromOptions(options));
    }

    [Fact]
    public void An_MSBuild_property_wins_over_the_environment_and_an_empty_one_does_not()
    {
        var options = EvalProviderOptions.Resolve(
            new Dictionary<string, string?> { ["PromptGenModel"] = "from-msbuild", ["PromptGenEvalMaxConcurrency"] = "" },
            Environment(new() { ["PROMPTGEN_MODEL"] = "from-env", ["PROMPTGEN_EVAL_MAX_CONCURRENCY"] = "2" }));

        Assert.Equal("from-msbuild", options.Model);
        Assert.Equal(2, options.MaxConcurrency);
    }

    [Theory]
    [InlineData("PROMPTGEN_EVAL_MAX_CONCURRENCY", "0")]
    [InlineData("PROMPTGEN_EVAL_MAX_CONCURRENCY", "many")]
    [InlineData("PROMPTGEN_EVAL_TIMEOUT_SECONDS", "-1")]
    [InlineData("PROMPTGEN_EVAL_BUDGET", "1,5")]
    public void Invalid_values_are_configuration_errors_that_name_the_setting(string variable, string value)
    {
        var error = Assert.Throws<EvalProviderException>(() => EvalProviderOptions.FromEnvironment(Environment(new() { [variable] = value })));

        Assert.Equal(ProviderErrorKind.Configuration, error.Kind);
        Assert.Contains(variable, error.Message);
    }

    [Theory]
    [InlineData("PROMPTGEN_ENDPOINT", "PromptGenEndpoint", "localhost:11434")]
    [InlineData("PROMPTGEN_ENDPOINT", "PromptGenEndpoint", "ftp://models.example/v1")]
    public void An_endpoint_that_is_not_an_http_url_is_an_error_naming_where_it_was_set(string variable, string property, string value)
    {
        var fromVariable = Assert.Throws<EvalProviderException>(() => EvalProviderOptions.FromEnvironment(Environment(new() { [variable] = value })));
        var fromProperty = Assert.Throws<EvalProviderException>(() => EvalProviderOptions.Resolve(new Dictionary<string, string?> { [property] = value }, Environment(new())));

        Assert.Equal(ProviderErrorKind.Configuration, fromVariable.Kind);
        Assert.StartsWith($"{variable} must be an absolute http(s) URL", fromVariable.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{property} must be an absolute http(s) URL", fromProperty.Message, StringComparison.Ordinal);
        Assert.Equal("http://localhost:11434/v1", EvalProviderOptions.FromEnvironment(Environment(new() { [variable] = " http://localhost:11434/v1 " })).Endpoint);
    }

    [Fact]
    public void ToString_never_shows_the_key()
    {
        var options = new EvalProviderOptions { ApiKey = "sk-very-secret-key-000000000", Model = "m" };

        Assert.DoesNotContain("very-secret", options.ToString());
        Assert.Contains("ApiKey = (set)", options.ToString());
    }

    [Fact]
    public void An_invalid_endpoint_is_a_configuration_error()
    {
        var error = Assert.Throws<EvalProviderException>(() =>
            EvalProviderFactory.CreateChatClient(new EvalProviderOptions { Endpoint = "localhost:11434", Model = "m" }));

        Assert.Equal(ProviderErrorKind.Configuration, error.Kind);
    }

    [Fact]
    public async Task Without_a_model_the_client_explains_how_to_configure_one()
    {
        using var client = EvalProviderFactory.CreateChatClient(new EvalProviderOptions());

        var error = await Assert.ThrowsAsync<EvalProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Equal(ProviderErrorKind.Configuration, error.Kind);
        Assert.Contains("PROMPTGEN_MODEL", error.Message);
    }

    [Fact]
    public async Task The_user_factory_is_found_by_assembly_attribute()
    {
        var factory = EvalClientFactoryLoader.Find(typeof(EvalProviderOptionsTests).Assembly, typeName: null);

        Assert.IsType<TestClientFactory>(factory);
        using var client = EvalProviderFactory.CreateChatClient(new EvalProviderOptions(), EvalClientRole.Judge, factory);
        Assert.Equal("from factory: Judge", (await client.GetResponseAsync("hi")).Text);
    }

    [Fact]
    public void The_user_factory_is_found_by_type_name_and_bad_names_are_configuration_errors()
    {
        Assert.IsType<TestClientFactory>(EvalClientFactoryLoader.Find(typeof(EvalProviderOptionsTests).Assembly, typeof(TestClientFactory).FullName));
        Assert.IsType<TestClientFactory>(EvalClientFactoryLoader.Find(null, typeof(TestClientFactory).AssemblyQualifiedName));

        var missing = Assert.Throws<EvalProviderException>(() => EvalClientFactoryLoader.Find(null, "No.Such.Factory, NoSuchAssembly"));
        Assert.Equal(ProviderErrorKind.Configuration, missing.Kind);
        var wrongType = Assert.Throws<EvalProviderException>(() => EvalClientFactoryLoader.Create(typeof(string)));
        Assert.Contains("does not implement", wrongType.Message);
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    [InlineData("1.5", 1.5)]
    public void Retry_After_seconds_parse(string value, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), ProviderErrorClassifier.ParseRetryAfter(value, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Retry_After_dates_parse_relative_to_now_and_past_dates_mean_no_wait()
    {
        var now = new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(30), ProviderErrorClassifier.ParseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now));
        Assert.Equal(TimeSpan.Zero, ProviderErrorClassifier.ParseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now));
        Assert.Null(ProviderErrorClassifier.ParseRetryAfter("soon", now));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    public void Only_throttling_and_server_errors_are_retryable(int status, bool retryable)
    {
        Assert.Equal(retryable, ProviderErrorClassifier.IsRetryableStatus(status));
    }

    [Fact]
    public void A_zero_budget_allows_no_call()
    {
        var meter = new EvalCostMeter(1m, 1m, budget: 0m);

        Assert.Throws<EvalBudgetExceededException>(meter.EnsureWithinBudget);
    }

    [Fact]
    public void Cost_is_priced_per_million_tokens()
    {
        var meter = new EvalCostMeter(inputPricePerMillionTokens: 2.5m, outputPricePerMillionTokens: 10m);

        Assert.Equal(0.0075m, meter.CostOf(1000, 500));
        meter.Add(new UsageDetails { InputTokenCount = 1000, OutputTokenCount = 500 });
        Assert.Equal(0.0075m, meter.Spent);
    }
}
