using PromptGen.Cli.Arguments;
using PromptGen.Evals.Providers;

namespace PromptGen.Cli.Verbs;

/// <summary>The model-provider options <c>eval</c> and <c>run</c> share, checked before anything is loaded or called.</summary>
internal static class ProviderArguments
{
    public static readonly OptionSpec EndpointOption = new("--endpoint", "url", "OpenAI-compatible endpoint (default PROMPTGEN_ENDPOINT).");

    /// <summary>The <c>--endpoint</c> value, or null; a usage error naming the option when it is not an http(s) URL.</summary>
    public static string? Endpoint(ParsedArguments arguments)
    {
        var value = arguments.GetValue(EndpointOption);
        if (value is not null && !EvalProviderOptions.TryParseEndpoint(value, out _))
            throw new UsageException($"{EndpointOption} must be {EvalProviderOptions.EndpointExpectation}, not '{value}'");
        return value;
    }
}
