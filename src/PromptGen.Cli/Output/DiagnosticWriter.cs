using PromptGen.Language.Diagnostics;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Output;

/// <summary>Writes diagnostics as MSBuild canonical lines or as a JSON array.</summary>
internal static class DiagnosticWriter
{
    public static void Write(TextWriter writer, IEnumerable<PromptDiagnostic> diagnostics, DiagnosticFormat format)
    {
        if (format == DiagnosticFormat.Json)
        {
            writer.Write(PromptJson.Serialize(PromptValue.Array(diagnostics.Select(ToValue)), indent: 2));
            writer.Write('\n');
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            writer.Write(diagnostic.ToMSBuildString());
            writer.Write('\n');
        }
    }

    public static PromptValue ToValue(PromptDiagnostic diagnostic) => PromptValue.Object(
        ("id", PromptValue.String(diagnostic.Id)),
        ("severity", PromptValue.String(PromptDiagnostic.SeverityText(diagnostic.Severity))),
        ("path", PromptValue.String(diagnostic.Path)),
        ("line", PromptValue.Number(diagnostic.Span.StartLine)),
        ("column", PromptValue.Number(diagnostic.Span.StartColumn)),
        ("endLine", PromptValue.Number(diagnostic.Span.EndLine)),
        ("endColumn", PromptValue.Number(diagnostic.Span.EndColumn)),
        ("message", PromptValue.String(diagnostic.Message)));
}
