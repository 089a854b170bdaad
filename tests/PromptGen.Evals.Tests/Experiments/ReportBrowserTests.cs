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
    public async Task The_end_to_end_experiment_pages_and_the_eval_report_open_in_chromium_without_console_errors()
    {
        // The experiment of the end-to-end test (30 cases, the experiment: block's arms, two models, prices), recorded
        // against the local fake server, then replayed offline with the recorded run as history.
        await using var server = ExperimentEndToEndTests.Server(basePasses: 5);
        var (folder, request) = ExperimentEndToEndTests.Project(30, server, EvalMode.Record);
        using var _ = folder;
        File.AppendAllText(request.Run.EvalFiles[0], ExperimentEndToEndTests.Block);
        request = request with { Variants = Array.Empty<string>() };
        var recorded = await ExperimentRunner.RunAsync(request);
        Assert.True(recorded.Passed, string.Join("\n", recorded.Findings.Select(f => f.ToMSBuildString())));
        var recordedReports = request.Run.ReportDirectory!;
        var replayReports = folder.File("reports-history");
        var replayed = await ExperimentRunner.RunAsync(request with
        {
            Run = request.Run with { Mode = EvalMode.Replay, ReportDirectory = replayReports },
            History = new[] { Path.Combine(recordedReports, ExperimentJsonWriter.FileName) },
        });
        Assert.True(replayed.Passed, string.Join("\n", replayed.Findings.Select(f => f.ToMSBuildString())));
        var recordedHtml = Path.Combine(recordedReports, ExperimentHtmlWriter.FileName);
        var historyHtml = Path.Combine(replayReports, ExperimentHtmlWriter.FileName);
        Assert.Equal(2, CountOf(File.ReadAllText(recordedHtml), "<svg")); // pass rates, cost against pass rate
        Assert.Equal(3, CountOf(File.ReadAllText(historyHtml), "<svg")); // and the pass rate over time

        using var project = new EvalProject("cases:\n  - id: refund\n    input: { ticket: \"refund\" }\n    assert:\n      - { path: category, equals: billing }\n");
        var evalHtml = await EvalReport(project);
        Assert.Contains("<svg", File.ReadAllText(evalHtml), StringComparison.Ordinal); // the eval report's pass rate chart
        var screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);

        foreach (var (name, html) in new[] { ("experiment", recordedHtml), ("experiment-history", historyHtml), ("eval-report", evalHtml) })
        {
            var png = Path.Combine(screenshots, name + ".png");
            if (File.Exists(png)) File.Delete(png);

            var (exitCode, console) = HeadlessChromium.Screenshot(html, png);

            Assert.Equal(0, exitCode);
            Assert.DoesNotContain(console, l => l.Contains("Refused to", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains(":ERROR:CONSOLE", StringComparison.Ordinal));
            Assert.True(new FileInfo(png).Length > 1000, $"no screenshot of {name}");
        }
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal)) count++;
        return count;
    }

    private static async Task<string> EvalReport(EvalProject project)
    {
        project.Answers(("refund", """{"category":"billing"}"""));
        var reports = Path.Combine(project.Folder, "reports");
        await project.RunAsync(EvalMode.Replay, r => r with { ReportDirectory = reports, UpdateBaseline = true });
        return Directory.GetFiles(reports, "*.html").Single();
    }
}
