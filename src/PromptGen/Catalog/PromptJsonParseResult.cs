namespace PromptGen.Catalog;

/// <summary>The outcome of <see cref="IPromptDescriptor.ParseToJson"/>: the value as JSON (text output: a JSON string) or the failure, plus the parse report.</summary>
public sealed class PromptJsonParseResult
{
    public PromptJsonParseResult(bool success, string? valueJson, PromptParseReport report)
    {
        Success = success;
        ValueJson = valueJson;
        Report = report;
    }

    public bool Success { get; }

    /// <summary>The parsed value serialized by the generated writer (wire names), or <c>null</c> on failure.</summary>
    public string? ValueJson { get; }

    public PromptParseReport Report { get; }
}
