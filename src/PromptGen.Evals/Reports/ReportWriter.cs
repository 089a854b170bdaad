using PromptGen.Evals.Files;
using PromptGen.Evals.Running;
using PromptGen.Evals.Security;
using PromptGen.Language.Diagnostics;
using PromptGen.Security;

namespace PromptGen.Evals.Reports;

/// <summary>The report files of one run.</summary>
/// <param name="JUnit">JUnit XML.</param>
/// <param name="Json">The JSON run file.</param>
/// <param name="Markdown">The Markdown summary.</param>
/// <param name="Html">The HTML report.</param>
public sealed record ReportFiles(string JUnit, string Json, string Markdown, string Html)
{
    public IEnumerable<string> All => new[] { JUnit, Json, Markdown, Html };
}

/// <summary>Writes every report of a run into a folder, scrubbed of secrets, each file atomically.</summary>
public static class ReportWriter
{
    public const string JUnitFileName = "promptgen-evals.junit.xml";
    public const string JsonFileName = "promptgen-evals.json";
    public const string MarkdownFileName = "promptgen-evals.md";
    public const string HtmlFileName = "promptgen-evals.html";

    /// <summary>
    /// Writes the reports as <see cref="WriteAll"/> does, for a runner: a folder that cannot be written is an
    /// infrastructure finding (PG1004) added to <paramref name="findings"/>, and the result is <c>null</c>.
    /// </summary>
    internal static ReportFiles? TryWriteAll(EvalRun run, string folder, ICollection<EvalFinding> findings)
    {
        try
        {
            return WriteAll(run, folder);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            findings.Add(new EvalFinding(DiagnosticDescriptors.EvalInfrastructureError.Id, true, folder, 1, 1, $"The eval reports could not be written: {exception.Message}"));
            return null;
        }
    }

    /// <summary>
    /// Writes the four reports into <paramref name="folder"/> (created if needed). Every text field of the run is
    /// scrubbed before a report shortens it, and each rendered report is scrubbed again. <paramref name="scrubber"/>
    /// defaults to <see cref="EvalSecrets.Scrubber"/> (configured API keys and secret-named environment variables, read now).
    /// </summary>
    public static ReportFiles WriteAll(EvalRun run, string folder, SecretScrubber? scrubber = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(folder);
        if (scrubber is null)
        {
            scrubber = EvalSecrets.Scrubber;
            scrubber.AddSecretsFromEnvironment();
        }

        var safe = ReportScrubbing.Scrub(run, scrubber);
        var files = new ReportFiles(
            Path.Combine(folder, JUnitFileName),
            Path.Combine(folder, JsonFileName),
            Path.Combine(folder, MarkdownFileName),
            Path.Combine(folder, HtmlFileName));

        // Rendered in full before anything is written; the rendered text is scrubbed once more, in case a secret
        // arrives through a field added later.
        var texts = new[]
        {
            JUnitReportWriter.Render(safe),
            JsonRunReportWriter.Render(safe),
            MarkdownSummaryWriter.Render(safe),
            HtmlReportWriter.Render(safe),
        };
        var paths = files.All.ToArray();
        for (var i = 0; i < paths.Length; i++) AtomicFile.WriteText(paths[i], scrubber.Scrub(texts[i]));
        return files;
    }
}
