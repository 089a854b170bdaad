using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

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

/// <summary>Writes every report of a run into a folder, with secret-looking environment values redacted.</summary>
public static class ReportWriter
{
    public const string JUnitFileName = "promptgen-evals.junit.xml";
    public const string JsonFileName = "promptgen-evals.json";
    public const string MarkdownFileName = "promptgen-evals.md";
    public const string HtmlFileName = "promptgen-evals.html";

    /// <summary>
    /// Writes the four reports into <paramref name="folder"/> (created if needed). <paramref name="redactor"/> defaults to
    /// <see cref="SecretRedactor.FromEnvironment"/>.
    /// </summary>
    public static ReportFiles WriteAll(EvalRun run, string folder, SecretRedactor? redactor = null)
    {
        if (run is null) throw new ArgumentNullException(nameof(run));
        if (folder is null) throw new ArgumentNullException(nameof(folder));
        redactor ??= SecretRedactor.FromEnvironment();
        var safe = redactor.Redact(run);
        Directory.CreateDirectory(folder);
        var files = new ReportFiles(
            Path.Combine(folder, JUnitFileName),
            Path.Combine(folder, JsonFileName),
            Path.Combine(folder, MarkdownFileName),
            Path.Combine(folder, HtmlFileName));
        var encoding = new UTF8Encoding(false);

        // The rendered text is redacted once more: a secret could also arrive through a field added later.
        File.WriteAllText(files.JUnit, redactor.Redact(JUnitReportWriter.Render(safe)), encoding);
        File.WriteAllText(files.Json, redactor.Redact(JsonRunReportWriter.Render(safe)), encoding);
        File.WriteAllText(files.Markdown, redactor.Redact(MarkdownSummaryWriter.Render(safe)), encoding);
        File.WriteAllText(files.Html, redactor.Redact(HtmlReportWriter.Render(safe)), encoding);
        return files;
    }
}
