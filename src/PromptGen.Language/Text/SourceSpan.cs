namespace PromptGen.Language.Text;

/// <summary>A range of a source file: UTF-16 offsets plus 1-based line and column of both ends.</summary>
public readonly struct SourceSpan(int start, int end, int startLine, int startColumn, int endLine, int endColumn) : IEquatable<SourceSpan>
{
    /// <summary>Offset of the first character.</summary>
    public int Start { get; } = start;

    /// <summary>Offset just past the last character.</summary>
    public int End { get; } = end;

    public int Length => End - Start;

    public int StartLine { get; } = startLine;

    public int StartColumn { get; } = startColumn;

    public int EndLine { get; } = endLine;

    public int EndColumn { get; } = endColumn;

    public bool Equals(SourceSpan other) =>
        Start == other.Start && End == other.End && StartLine == other.StartLine && StartColumn == other.StartColumn &&
        EndLine == other.EndLine && EndColumn == other.EndColumn;

    public override bool Equals(object? obj) => obj is SourceSpan other && Equals(other);

    public override int GetHashCode() => unchecked((Start * 397) ^ End);

    public override string ToString() => $"({StartLine},{StartColumn})-({EndLine},{EndColumn})";
}
