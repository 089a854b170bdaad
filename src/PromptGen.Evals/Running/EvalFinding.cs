using System.Globalization;
using PromptGen.Evals.Security;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Evals.Running;

/// <summary>One diagnostic of an eval run, located in an eval file (PG05xx, PG1001-PG1004, PG1101-PG1103).</summary>
/// <param name="Id">The diagnostic ID.</param>
/// <param name="IsError">Error (fails the run) or warning.</param>
/// <param name="Path">The eval file, as given in the request.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">One line: newlines are folded so build logs keep the finding on one line.</param>
public sealed record EvalFinding(string Id, bool IsError, string Path, int Line, int Column, string Message)
{
    /// <summary>
    /// Where every diagnostic is documented: <c>{HelpLinkBase}PG1002.md</c>, the same page the source generator's help
    /// links name (the repository's <c>docs/diagnostics</c> folder).
    /// </summary>
    public const string HelpLinkBase = "https://github.com/promptgen/promptgen/blob/main/docs/diagnostics/";

    /// <summary>The documentation page of <see cref="Id"/>, e.g. <c>.../docs/diagnostics/PG1002.md</c>.</summary>
    public string HelpLink => HelpLinkBase + Id + ".md";

    /// <summary>The message as build logs show it: scrubbed of secrets, then folded onto one line.</summary>
    public string LogMessage => OneLine(EvalSecrets.Scrub(Message));

    /// <summary>MSBuild's canonical form: <c>path(line,col): error PG1002: message</c>, the message scrubbed of secrets.</summary>
    public string ToMSBuildString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0}({1},{2}): {3} {4}: {5}",
        Path,
        Line < 1 ? 1 : Line,
        Column < 1 ? 1 : Column,
        IsError ? "error" : "warning",
        Id,
        LogMessage);

    /// <summary>A diagnostic of the language core (an eval file's format or its cases against the prompt) as a finding in <paramref name="path"/>.</summary>
    internal static EvalFinding Of(PromptDiagnostic diagnostic, string path) => new(
        diagnostic.Descriptor.Id, diagnostic.Descriptor.Severity == PromptDiagnosticSeverity.Error, path, diagnostic.Span.StartLine, diagnostic.Span.StartColumn, diagnostic.Message);

    /// <summary>The findings as results hold them: every message scrubbed of secrets.</summary>
    internal static IReadOnlyList<EvalFinding> Scrubbed(IEnumerable<EvalFinding> findings) =>
        findings.Select(f => f with { Message = EvalSecrets.Scrub(f.Message) }).ToList();

    internal static string OneLine(string message) =>
        message.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", " | ").Trim();
}
