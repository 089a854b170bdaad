namespace PromptGen.Evals.Recording;

/// <summary>A recordings file is not valid JSON or not in the recordings format. Carries the location of the problem.</summary>
public sealed class RecordingFormatException : Exception
{
    public RecordingFormatException(string path, int line, int column, string problem)
        : base($"{path}({line},{column}): {problem}")
    {
        FilePath = path;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string FilePath { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }
}
