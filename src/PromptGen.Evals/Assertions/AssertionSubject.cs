using System.Text.Json;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Assertions;

/// <summary>What one trial produced, as the assertion scorers see it.</summary>
public sealed class AssertionSubject
{
    /// <summary>The raw model text.</summary>
    public string? ModelText { get; init; }

    /// <summary>The parsed output as JSON (text output: a JSON string), or <c>null</c> when parsing failed.</summary>
    public string? OutputJson { get; init; }

    /// <summary>True when the prompt returns text rather than a typed value.</summary>
    public bool IsTextOutput { get; init; }

    /// <summary>The output parser's report (for <c>parse-clean</c> and for messages when parsing failed).</summary>
    public PromptParseReport? ParseReport { get; init; }

    /// <summary>The prompt's output JSON Schema (for <c>schema-valid</c>), or <c>null</c>.</summary>
    public string? OutputJsonSchema { get; init; }

    public TimeSpan? Latency { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    /// <summary>Cost in the configured currency unit, when prices are configured.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The tool calls the model made during the trial, in order, over every turn (for the tool assertions).</summary>
    public System.Collections.Generic.IReadOnlyList<Recording.RecordedToolCall> ToolCalls { get; init; } = Array.Empty<Recording.RecordedToolCall>();

    /// <summary>A subject whose parsed output is given as a <see cref="JsonElement"/>.</summary>
    public static AssertionSubject FromJson(JsonElement output, string? modelText = null, bool isTextOutput = false) =>
        new() { OutputJson = output.GetRawText(), ModelText = modelText, IsTextOutput = isTextOutput };

    /// <summary>The parsed output as a value: <see cref="OutputJson"/>, or for text output without it, the model text.</summary>
    internal PromptValue? ParseOutput(out string? error)
    {
        error = null;
        if (OutputJson is not null)
        {
            if (PromptJson.TryParse(OutputJson, out var value, out var exception)) return value;
            error = "the parsed output is not valid JSON: " + exception!.Message;
            return null;
        }

        if (IsTextOutput && ModelText is not null) return PromptValue.String(ModelText);
        error = ParseReport?.Error is { } parseError ? ParseFailure(parseError) : "there is no parsed output";
        return null;
    }

    /// <summary>Why a trial has no output value, as assertion and trial messages say it.</summary>
    internal static string ParseFailure(string? parseError) => "the output could not be parsed: " + parseError;
}
