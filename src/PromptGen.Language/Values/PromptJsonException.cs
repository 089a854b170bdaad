namespace PromptGen.Language.Values;

/// <summary>Thrown by <see cref="PromptJson.Parse"/> for text that is not valid JSON; carries a 1-based position.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class PromptJsonException : FormatException
{
    public PromptJsonException(string message, int line, int column)
        : base($"{message} (line {line}, column {column})")
    {
        Reason = message;
        Line = line;
        Column = column;
    }

    public string Reason { get; }

    public int Line { get; }

    public int Column { get; }
}
