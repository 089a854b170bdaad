using PromptGen.Language.Diagnostics;

namespace PromptGen.Generator.Models;

/// <summary>A diagnostic as plain values: the ID picks the descriptor when it is reported.</summary>
internal sealed record DiagnosticInfo(string Id, string Message, LocationInfo Location)
{
    public static DiagnosticInfo Create(PromptDiagnosticDescriptor descriptor, LocationInfo location, string message) =>
        new(descriptor.Id, message, location);

    public static DiagnosticInfo FromPromptDiagnostic(PromptDiagnostic diagnostic) =>
        new(diagnostic.Id, diagnostic.Message, LocationInfo.FromSpan(diagnostic.Path, diagnostic.Span));
}
