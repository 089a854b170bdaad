namespace PromptGen.Language.Values;

/// <summary>Thrown by <see cref="PromptJson.Parse"/> for text that is not valid JSON; carries a 1-based position.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class PromptJsonException(string message, int line, int column) : FormatException($"{message} (line {line}, column {column})")
{
    public string Reason { get; } = message;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
