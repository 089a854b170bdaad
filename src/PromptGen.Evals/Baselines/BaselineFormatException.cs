namespace PromptGen.Evals.Baselines;

/// <summary>A baseline file that cannot be read, with the position of the problem (1-based).</summary>
public sealed class BaselineFormatException : FormatException
{
    public BaselineFormatException(string path, int line, int column, string reason)
        : base($"{path}({line},{column}): malformed baseline: {reason}")
    {
        Path = path;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public string Path { get; }

    public int Line { get; }

    public int Column { get; }

    public string Reason { get; }
}
