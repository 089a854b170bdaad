namespace PromptGen;

/// <summary>The model output could not be parsed into the prompt's output type, even after repair.</summary>
public sealed class PromptOutputException : Exception
{
    public PromptOutputException(PromptParseReport report, string? modelText)
        : base("The model output could not be parsed: " + (report?.Error ?? "unknown error"))
    {
        Report = report ?? new PromptParseReport(null, "unknown error");
        ModelText = modelText ?? string.Empty;
    }

    public PromptOutputException(string message, PromptParseReport report, string? modelText, Exception? innerException = null)
        : base(message, innerException)
    {
        Report = report ?? new PromptParseReport(null, message);
        ModelText = modelText ?? string.Empty;
    }

    public PromptParseReport Report { get; }

    /// <summary>The text the model returned.</summary>
    public string ModelText { get; }
}
