namespace PromptGen.Telemetry;

/// <summary>
/// The span attribute, metric and operation names PromptGen reports. OpenTelemetry GenAI semantic convention names
/// (<c>gen_ai.*</c>, <c>error.type</c>) are used where they apply; PromptGen's own are under <c>promptgen.</c>.
/// </summary>
public static class PromptTelemetryNames
{
    /// <summary>The <c>gen_ai.operation.name</c> of a generated prompt call; spans are named <c>invoke_prompt {name}</c>.</summary>
    public const string OperationName = "invoke_prompt";

    /// <summary>GenAI: the operation (<see cref="OperationName"/>).</summary>
    public const string GenAIOperationName = "gen_ai.operation.name";

    /// <summary>GenAI: the provider, as the chat client's metadata names it (for example <c>openai</c>).</summary>
    public const string GenAIProviderName = "gen_ai.provider.name";

    /// <summary>GenAI: the model asked for (the prompt's <c>model</c>, or the caller's <c>ChatOptions.ModelId</c>).</summary>
    public const string GenAIRequestModel = "gen_ai.request.model";

    /// <summary>GenAI: the model that answered the final attempt.</summary>
    public const string GenAIResponseModel = "gen_ai.response.model";

    /// <summary>GenAI: input tokens summed over all attempts.</summary>
    public const string GenAIUsageInputTokens = "gen_ai.usage.input_tokens";

    /// <summary>GenAI: output tokens summed over all attempts.</summary>
    public const string GenAIUsageOutputTokens = "gen_ai.usage.output_tokens";

    /// <summary>GenAI (sensitive, opt-in): the rendered messages sent on the first attempt, as JSON.</summary>
    public const string GenAIInputMessages = "gen_ai.input.messages";

    /// <summary>GenAI (sensitive, opt-in): the model's answer of every attempt, as JSON.</summary>
    public const string GenAIOutputMessages = "gen_ai.output.messages";

    /// <summary>The type of the error that ended the call (an exception's full type name).</summary>
    public const string ErrorType = "error.type";

    /// <summary>The prompt's name (frontmatter <c>name</c>, else the file name).</summary>
    public const string PromptName = "promptgen.prompt.name";

    /// <summary>The prompt's version, when the call site knows it.</summary>
    public const string PromptVersion = "promptgen.prompt.version";

    /// <summary>The prompt's variant, when the call site knows it.</summary>
    public const string PromptVariant = "promptgen.prompt.variant";

    /// <summary>The call's id, as <c>PromptResult.CallId</c> and captured calls carry it.</summary>
    public const string CallId = "promptgen.call.id";

    /// <summary>How the final answer parsed: <c>clean</c>, <c>repaired</c> or <c>failed</c> (see <see cref="ParseOutcome"/>).</summary>
    public const string ParseOutcome = "promptgen.parse.outcome";

    /// <summary>The number of repairs applied to the final answer.</summary>
    public const string RepairCount = "promptgen.repair.count";

    /// <summary>The distinct kinds of the repairs applied to the final answer (snake_case, for example <c>trailing_comma</c>).</summary>
    public const string RepairKinds = "promptgen.repair.kinds";

    /// <summary>Metric attribute: one repair's kind.</summary>
    public const string RepairKind = "promptgen.repair.kind";

    /// <summary>The number of times the model was asked again after an answer that could not be parsed.</summary>
    public const string ReaskCount = "promptgen.reask.count";

    /// <summary>Metric attribute: how a call ended: <c>success</c>, <c>parse_failed</c> or <c>error</c>.</summary>
    public const string Outcome = "promptgen.outcome";

    /// <summary>Counter of generated prompt calls, by prompt and outcome.</summary>
    public const string CallsMetric = "promptgen.calls";

    /// <summary>Histogram of a call's duration in seconds (all attempts, parsing included), by prompt and outcome.</summary>
    public const string CallDurationMetric = "promptgen.call.duration";

    /// <summary>Counter of answers that could not be parsed, one per attempt, by prompt.</summary>
    public const string ParseFailuresMetric = "promptgen.parse.failures";

    /// <summary>Counter of repairs applied to answers that parsed, by prompt and repair kind.</summary>
    public const string RepairsMetric = "promptgen.repairs";

    /// <summary>Counter of re-asks after an answer that could not be parsed, by prompt.</summary>
    public const string ReasksMetric = "promptgen.reasks";

    /// <summary>Values of <see cref="ParseOutcome"/>.</summary>
    public static class ParseOutcomes
    {
        /// <summary>Parsed with no repair beyond benign normalization.</summary>
        public const string Clean = "clean";

        /// <summary>Parsed after repairs.</summary>
        public const string Repaired = "repaired";

        /// <summary>Could not be parsed.</summary>
        public const string Failed = "failed";
    }

    /// <summary>Values of <see cref="Outcome"/>.</summary>
    public static class Outcomes
    {
        /// <summary>A typed value was returned.</summary>
        public const string Success = "success";

        /// <summary>No attempt's answer could be parsed (<see cref="PromptOutputException"/>).</summary>
        public const string ParseFailed = "parse_failed";

        /// <summary>The chat client failed or the call was cancelled.</summary>
        public const string Error = "error";
    }
}
