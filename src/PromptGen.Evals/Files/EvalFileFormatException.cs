namespace PromptGen.Evals.Files;

/// <summary>
/// A file the evals read and users own (a baseline, a recordings file) that is not in its format, with the position of
/// the problem (1-based).
/// </summary>
public abstract class EvalFileFormatException : FormatException
{
    private protected EvalFileFormatException(string path, int line, int column, string problem, string message)
        : base(message)
    {
        FilePath = path;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file, as it was given.</summary>
    public string FilePath { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>The problem without the location.</summary>
    public string Problem { get; }

    /// <summary>Whether <paramref name="exception"/> says a user's eval file could not be read: missing, locked, denied or malformed.</summary>
    internal static bool IsUnreadableFile(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or EvalFileFormatException;
}
