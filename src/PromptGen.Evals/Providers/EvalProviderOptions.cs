using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PromptGen.Evals.Providers;

/// <summary>
/// Which model endpoint evals call in <c>record</c>/<c>live</c>/<c>auto</c> modes, and how hard. Read from MSBuild
/// properties and environment variables with <see cref="Resolve"/> (a non-empty property wins over the variable), or
/// built in code. <see cref="ToString"/> never shows the API key.
/// </summary>
public sealed record EvalProviderOptions
{
    /// <summary>The settings: MSBuild property name, environment variable name.</summary>
    public static class Names
    {
        public const string Endpoint = "PromptGenEndpoint";
        public const string EndpointVariable = "PROMPTGEN_ENDPOINT";
        public const string ApiKey = "PromptGenApiKey";
        public const string ApiKeyVariable = "PROMPTGEN_API_KEY";
        public const string Model = "PromptGenModel";
        public const string ModelVariable = "PROMPTGEN_MODEL";
        public const string JudgeModel = "PromptGenJudgeModel";
        public const string JudgeModelVariable = "PROMPTGEN_JUDGE_MODEL";
        public const string EmbeddingModel = "PromptGenEmbeddingModel";
        public const string EmbeddingModelVariable = "PROMPTGEN_EMBEDDING_MODEL";
        public const string MaxConcurrency = "PromptGenEvalMaxConcurrency";
        public const string MaxConcurrencyVariable = "PROMPTGEN_EVAL_MAX_CONCURRENCY";
        public const string TimeoutSeconds = "PromptGenEvalTimeoutSeconds";
        public const string TimeoutSecondsVariable = "PROMPTGEN_EVAL_TIMEOUT_SECONDS";
        public const string MaxRetries = "PromptGenEvalMaxRetries";
        public const string MaxRetriesVariable = "PROMPTGEN_EVAL_MAX_RETRIES";
        public const string InputPrice = "PromptGenInputPricePerMillionTokens";
        public const string InputPriceVariable = "PROMPTGEN_INPUT_PRICE_PER_MTOK";
        public const string OutputPrice = "PromptGenOutputPricePerMillionTokens";
        public const string OutputPriceVariable = "PROMPTGEN_OUTPUT_PRICE_PER_MTOK";
        public const string Budget = "PromptGenEvalBudget";
        public const string BudgetVariable = "PROMPTGEN_EVAL_BUDGET";
        public const string ClientFactory = "PromptGenEvalClientFactory";
        public const string ClientFactoryVariable = "PROMPTGEN_EVAL_CLIENT_FACTORY";
    }

    /// <summary>Base URL of an OpenAI-compatible API, e.g. <c>http://localhost:11434/v1</c>; <c>null</c> for OpenAI itself.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The API key, sent as a bearer token; never recorded, never printed. Optional for local servers.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The model for the prompts under test.</summary>
    public string? Model { get; init; }

    /// <summary>The model for <c>llm-rubric</c> judges; defaults to <see cref="Model"/>.</summary>
    public string? JudgeModel { get; init; }

    /// <summary>The model for the <c>similar</c> assertion's embeddings.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>How many model calls may be in flight at once (<c>PromptGenEvalMaxConcurrency</c>).</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Timeout of one attempt of one call.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Retries after the first attempt on 429, 5xx and transient network errors.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Price per million input tokens, in the unit of <see cref="Budget"/>.</summary>
    public decimal? InputPricePerMillionTokens { get; init; }

    /// <summary>Price per million output tokens, in the unit of <see cref="Budget"/>.</summary>
    public decimal? OutputPricePerMillionTokens { get; init; }

    /// <summary>Spend after which further calls fail with <see cref="EvalBudgetExceededException"/>; <c>null</c> for no limit.</summary>
    public decimal? Budget { get; init; }

    /// <summary>Assembly-qualified name of an <see cref="IEvalChatClientFactory"/> that supplies the clients instead.</summary>
    public string? ClientFactory { get; init; }

    /// <summary>Whether a real model can be called: a model is named, or a user factory supplies the clients.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Model) || !string.IsNullOrWhiteSpace(ClientFactory);

    /// <summary>The resilience settings these options imply.</summary>
    public EvalResilienceOptions ToResilienceOptions() => new()
    {
        MaxConcurrency = MaxConcurrency,
        MaxRetries = MaxRetries,
        CallTimeout = CallTimeout,
    };

    /// <summary>Reads the options from the environment only.</summary>
    public static EvalProviderOptions FromEnvironment(Func<string, string?>? getVariable = null) => Resolve(null, getVariable);

    /// <summary>
    /// Reads the options: each setting from its MSBuild property in <paramref name="properties"/> when non-empty, else from
    /// its environment variable. Invalid numbers are a <see cref="ProviderErrorKind.Configuration"/> error.
    /// </summary>
    /// <exception cref="EvalProviderException">A setting has an invalid value.</exception>
    public static EvalProviderOptions Resolve(IReadOnlyDictionary<string, string?>? properties, Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;

        (string? Value, string Source) Read(string property, string variable)
        {
            if (properties is not null && properties.TryGetValue(property, out var fromProperty) && !string.IsNullOrWhiteSpace(fromProperty))
                return (fromProperty!.Trim(), property);
            var fromVariable = getVariable(variable);
            return (string.IsNullOrWhiteSpace(fromVariable) ? null : fromVariable!.Trim(), variable);
        }

        var defaults = new EvalProviderOptions();
        return new EvalProviderOptions
        {
            Endpoint = ParseEndpoint(Read(Names.Endpoint, Names.EndpointVariable)),
            ApiKey = Read(Names.ApiKey, Names.ApiKeyVariable).Value,
            Model = Read(Names.Model, Names.ModelVariable).Value,
            JudgeModel = Read(Names.JudgeModel, Names.JudgeModelVariable).Value,
            EmbeddingModel = Read(Names.EmbeddingModel, Names.EmbeddingModelVariable).Value,
            MaxConcurrency = ParseInt(Read(Names.MaxConcurrency, Names.MaxConcurrencyVariable), 1) ?? defaults.MaxConcurrency,
            CallTimeout = ParseSeconds(Read(Names.TimeoutSeconds, Names.TimeoutSecondsVariable)) ?? defaults.CallTimeout,
            MaxRetries = ParseInt(Read(Names.MaxRetries, Names.MaxRetriesVariable), 0) ?? defaults.MaxRetries,
            InputPricePerMillionTokens = ParseDecimal(Read(Names.InputPrice, Names.InputPriceVariable)),
            OutputPricePerMillionTokens = ParseDecimal(Read(Names.OutputPrice, Names.OutputPriceVariable)),
            Budget = ParseDecimal(Read(Names.Budget, Names.BudgetVariable)),
            ClientFactory = Read(Names.ClientFactory, Names.ClientFactoryVariable).Value,
        };
    }

    /// <summary>Every setting except the API key, which shows only whether it is set.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("EvalProviderOptions { ");
        text.Append("Endpoint = ").Append(Endpoint ?? "(OpenAI)")
            .Append(", ApiKey = ").Append(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(set)")
            .Append(", Model = ").Append(Model ?? "(none)")
            .Append(", JudgeModel = ").Append(JudgeModel ?? "(model)")
            .Append(", EmbeddingModel = ").Append(EmbeddingModel ?? "(none)")
            .Append(", MaxConcurrency = ").Append(MaxConcurrency)
            .Append(", CallTimeout = ").Append(CallTimeout)
            .Append(", MaxRetries = ").Append(MaxRetries)
            .Append(", Budget = ").Append(Budget?.ToString(CultureInfo.InvariantCulture) ?? "(none)")
            .Append(", ClientFactory = ").Append(ClientFactory ?? "(none)")
            .Append(" }");
        return text.ToString();
    }

    /// <summary>
    /// Reads an endpoint: an absolute http(s) URL, the only kind of address a provider is called at (<see cref="Endpoint"/>
    /// when set through <see cref="Resolve"/>, the <c>--endpoint</c> option of the <c>promptgen</c> tool).
    /// </summary>
    public static bool TryParseEndpoint(string? text, [NotNullWhen(true)] out Uri? endpoint)
    {
        endpoint = null;
        return !string.IsNullOrWhiteSpace(text)
            && Uri.TryCreate(text!.Trim(), UriKind.Absolute, out endpoint)
            && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps);
    }

    /// <summary>What <see cref="TryParseEndpoint"/> accepts, worded for "must be ..." messages.</summary>
    internal const string EndpointExpectation = "an absolute http(s) URL such as http://localhost:11434/v1";

    private static string? ParseEndpoint((string? Value, string Source) setting)
    {
        if (setting.Value is null || TryParseEndpoint(setting.Value, out _))
            return setting.Value;
        throw Invalid(setting, EndpointExpectation);
    }

    private static int? ParseInt((string? Value, string Source) setting, int minimum)
    {
        if (setting.Value is null)
            return null;
        if (int.TryParse(setting.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum)
            return number;
        throw Invalid(setting, $"a whole number from {minimum}");
    }

    private static TimeSpan? ParseSeconds((string? Value, string Source) setting)
    {
        if (setting.Value is null)
            return null;
        if (double.TryParse(setting.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= 86400)
            return TimeSpan.FromSeconds(seconds);
        throw Invalid(setting, "a number of seconds above 0");
    }

    private static decimal? ParseDecimal((string? Value, string Source) setting)
    {
        if (setting.Value is null)
            return null;
        if (decimal.TryParse(setting.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number >= 0)
            return number;
        throw Invalid(setting, "a number from 0 (with '.' as the decimal point)");
    }

    private static EvalProviderException Invalid((string? Value, string Source) setting, string expected) =>
        new(ProviderErrorKind.Configuration, $"{setting.Source} must be {expected}, not '{setting.Value}'.");
}
