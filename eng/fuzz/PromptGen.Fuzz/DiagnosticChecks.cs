using System.Collections.Generic;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Fuzz;

/// <summary>
/// The location promise every Language parser makes: each diagnostic points into the text it was given
/// (offsets inside the text, lines and columns from 1), so an editor or the build can show it, and says what is wrong
/// in its own words (not the text of an exception a parser caught).
/// </summary>
internal static class DiagnosticChecks
{
    private static readonly string InternalErrorId = DiagnosticDescriptors.InternalError.Id;

    // The default messages of .NET's own exceptions: in a diagnostic, a parser's bug caught and passed on to the user.
    private static readonly string[] LeakedExceptionMessages =
    {
        "Operation is not valid due to the current state of the object",
        "Object reference not set to an instance of an object",
        "Index was outside the bounds of the array",
        "Specified argument was out of the range of valid values",
        "Value cannot be null",
        "Sequence contains no elements",
        "The given key",
        "Collection was modified",
    };

    /// <summary>Checks the diagnostics reported in <paramref name="path"/> (a partial's are located in the partial's file).</summary>
    public static void RequireLocations(IEnumerable<PromptDiagnostic> diagnostics, string path, string text)
    {
        foreach (var diagnostic in diagnostics)
        {
            // The parsers turn their own exceptions into PG9999 rather than crash the build: for fuzzing that is the crash.
            if (diagnostic.Id == InternalErrorId)
            {
                throw new FuzzFinding(diagnostic.Message);
            }

            if (!string.Equals(diagnostic.Path, path, System.StringComparison.Ordinal))
            {
                continue;
            }

            var span = diagnostic.Span;
            if (span.Start < 0 || span.End < span.Start || span.End > text.Length || span.StartLine < 1 || span.StartColumn < 1
                || span.EndLine < span.StartLine)
            {
                throw new FuzzFinding($"{diagnostic.Id} has no usable location: offsets {span.Start}..{span.End} of {text.Length}, {span}: {diagnostic.Message}");
            }

            if (string.IsNullOrWhiteSpace(diagnostic.Message))
            {
                throw new FuzzFinding($"{diagnostic.Id} has no message");
            }

            foreach (var leaked in LeakedExceptionMessages)
            {
                if (diagnostic.Message.Contains(leaked, System.StringComparison.Ordinal))
                {
                    throw new FuzzFinding($"{diagnostic.Id} passes on an exception's own text instead of saying what is wrong: {diagnostic.Message}");
                }
            }
        }
    }
}
