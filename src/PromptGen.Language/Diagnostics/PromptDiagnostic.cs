using PromptGen.Language.Text;

namespace PromptGen.Language.Diagnostics;

/// <summary>A problem found in a <c>.prompt</c> or eval file, at an exact place in it.</summary>
public sealed class PromptDiagnostic : IEquatable<PromptDiagnostic>
{
    public PromptDiagnostic(PromptDiagnosticDescriptor descriptor, string path, SourceSpan span, string message)
    {
        Descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
        Path = path ?? string.Empty;
        Span = span;
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    public PromptDiagnosticDescriptor Descriptor { get; }

    public string Id => Descriptor.Id;

    public PromptDiagnosticSeverity Severity => Descriptor.Severity;

    public string Path { get; }

    public SourceSpan Span { get; }

    public int Line => Span.StartLine;

    public int Column => Span.StartColumn;

    public string Message { get; }

    /// <summary>The canonical MSBuild form: <c>path(line,col): error PG0203: message</c>.</summary>
    public string ToMSBuildString() =>
        $"{Path}({Line},{Column}): {SeverityText(Severity)} {Id}: {Message}";

    public override string ToString() => ToMSBuildString();

    public bool Equals(PromptDiagnostic? other) =>
        other is not null && other.Id == Id && other.Path == Path && other.Span.Equals(Span) && other.Message == Message;

    public override bool Equals(object? obj) => obj is PromptDiagnostic other && Equals(other);

    public override int GetHashCode() => unchecked((Id.GetHashCode() * 397) ^ Span.GetHashCode() ^ Message.GetHashCode());

    public static string SeverityText(PromptDiagnosticSeverity severity) => severity switch
    {
        PromptDiagnosticSeverity.Error => "error",
        PromptDiagnosticSeverity.Warning => "warning",
        _ => "info",
    };
}
