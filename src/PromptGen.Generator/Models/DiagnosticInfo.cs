using PromptGen.Language.Diagnostics;

namespace PromptGen.Generator.Models;

/// <summary>A diagnostic as plain values: the ID picks the descriptor when it is reported.</summary>
internal sealed record DiagnosticInfo(string Id, string Message, LocationInfo Location)
{
    public static DiagnosticInfo Create(PromptDiagnosticDescriptor descriptor, LocationInfo location, string message) =>
        new(descriptor.Id, message, location);

    /// <summary>
    /// PG9999 at the start of <paramref name="path"/>: a step failed on that file (<paramref name="doing"/>), and only that
    /// file's output is missing; the generator goes on with the others.
    /// </summary>
    public static DiagnosticInfo InternalError(string path, Exception exception, string doing = "processing this file") =>
        Create(DiagnosticDescriptors.InternalError, LocationInfo.FileStart(path), $"PromptGen failed while {doing}: {exception.GetType().Name}: {exception.Message}");

    public static DiagnosticInfo FromPromptDiagnostic(PromptDiagnostic diagnostic) =>
        new(diagnostic.Id, diagnostic.Message, LocationInfo.FromSpan(diagnostic.Path, diagnostic.Span));
}
