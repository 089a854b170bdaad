using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PromptGen.Language.Text;

namespace PromptGen.Generator.Models;

/// <summary>
/// A place in a <c>.prompt</c> file, kept as plain values (a Roslyn <see cref="Location"/> is not
/// value-equatable and must not travel through the incremental pipeline).
/// Lines and columns are 0-based as Roslyn expects.
/// </summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>The first character of a file: for problems that concern the file as a whole.</summary>
    public static LocationInfo FileStart(string filePath) => new(filePath, 0, 0, 0, 0, 0, 0);

    /// <summary>From the language core's span (1-based lines and columns).</summary>
    public static LocationInfo FromSpan(string filePath, SourceSpan span) =>
        new(filePath, span.Start, span.Length, span.StartLine - 1, span.StartColumn - 1, span.EndLine - 1, span.EndColumn - 1);

    public Location ToLocation() => Location.Create(
        FilePath,
        new TextSpan(Start, Length),
        new LinePositionSpan(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn)));
}
