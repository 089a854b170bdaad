using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Evals.Experiments;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Tests.Running;

namespace PromptGen.Evals.Tests.Experiments;

/// <summary>
/// The HTML reports open in a real browser (headless Chromium) with no console error; a screenshot of each is kept
/// with the test results (<c>TestResults/screenshots</c> beside the test binaries).
/// </summary>
public sealed class ReportBrowserTests
{
    [BrowserFact]
    public async Task The_experiment_page_and_the_eval_report_open_in_chromium_without_console_errors()
    {
        using var folder = new TempFolder();
        var experimentHtml = await ExperimentReport(folder);
        using var project = new EvalProject("cases:\n  - id: refund\n    input: { ticket: \"refund\" }\n    assert:\n      - { path: category, equals: billing }\n");
        var evalHtml = await EvalReport(project);
        Assert.Contains("<svg", File.ReadAllText(evalHtml), StringComparison.Ordinal); // the eval report's pass rate chart
        var screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);

        foreach (var (name, html) in new[] { ("experiment", experimentHtml), ("eval-report", evalHtml) })
        {
            var png = Path.Combine(screenshots, name + ".png");
            if (File.Exists(png)) File.Delete(png);

            var (exitCode, console) = HeadlessChromium.Screenshot(html, png);

            Assert.Equal(0, exitCode);
            Assert.DoesNotContain(console, l => l.Contains("Refused to", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains(":ERROR:CONSOLE", StringComparison.Ordinal));
            Assert.True(new FileInfo(png).Length > 1000, $"no screenshot of {name}");
        }
    }

    private static async Task<string> ExperimentReport(TempFolder folder)
    {
        Directory.CreateDirectory(folder.File("Prompts"));
        File.WriteAllText(folder.File("Prompts/Classify.prompt"), ClassifyDescriptor.Prompt);
        File.WriteAllText(folder.File("Prompts/Classify.eval.yaml"), "cases:\n  - id: refund\n    input: { ticket: \"refund 1\" }\n    assert:\n      - { path: category, equals: billing }\n");
        // Hand-written answers: one per arm.
        File.WriteAllText(folder.File("Prompts/Classify.eval.recordings.json"), """
            { "note": "hand-written", "entries": [
              { "case": "refund", "arm": "base/default@t=0", "response": { "text": "{\"category\":\"billing\"}", "usage": { "inputTokens": 10, "outputTokens": 3 } } },
              { "case": "refund", "arm": "base/default@t=1", "response": { "text": "{\"category\":\"technical\"}", "usage": { "inputTokens": 10, "outputTokens": 3 } } }
            ] }
            """);
        var reports = folder.File("reports");
        var result = await ExperimentRunner.RunAsync(new ExperimentRequest
        {
            Run = new PromptGen.Evals.Running.EvalRunRequest
            {
                ProjectDirectory = folder.Path,
                EvalFiles = new[] { folder.File("Prompts/Classify.eval.yaml") },
                Prompts = new[] { new ClassifyDescriptor() },
                Mode = EvalMode.Replay,
                ReportDirectory = reports,
            },
            Temperatures = new[] { 0f, 1f },
        });
        Assert.True(result.Passed, string.Join("\n", result.Findings.Select(f => f.ToMSBuildString())));
        return Path.Combine(reports, ExperimentHtmlWriter.FileName);
    }

    private static async Task<string> EvalReport(EvalProject project)
    {
        project.Answers(("refund", """{"category":"billing"}"""));
        var reports = Path.Combine(project.Folder, "reports");
        await project.RunAsync(EvalMode.Replay, r => r with { ReportDirectory = reports, UpdateBaseline = true });
        return Directory.GetFiles(reports, "*.html").Single();
    }
}
