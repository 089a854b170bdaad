using System.IO;
using PromptGen.Evals.Progress;
using PromptGen.Evals.Results;
using static PromptGen.Evals.Tests.TestData;

namespace PromptGen.Evals.Tests.Progress;

public class ProgressReporterTests
{
    private static CaseResult WithCost(CaseResult c, decimal cost) =>
        c with { Trials = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(c.Trials, t => t with { Cost = cost })) };

    [Fact]
    public void Plain_mode_writes_one_line_per_case_and_a_tally()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var progress = new ProgressReporter(writer, interactive: false);
        progress.Start(3);
        progress.CaseCompleted("TriageTicket", WithCost(Case("a", "P"), 0.0125m));
        progress.CaseCompleted("TriageTicket", WithCost(Case("b", "F"), 0.01m));
        progress.CaseCompleted("TriageTicket", Case("c", "E"));
        progress.Complete();
        Assert.Equal(
            "[1/3] TriageTicket a: passed (0 failed, spend 0.0125)\n"
            + "[2/3] TriageTicket b: failed (1 failed, spend 0.0225)\n"
            + "[3/3] TriageTicket c: error (1 failed, 1 errors, spend 0.0225)\n"
            + "Evals finished: 3/3 cases, 1 failed, 1 errors, spend 0.0225\n",
            writer.ToString());
        Assert.DoesNotContain("\r", writer.ToString());
    }

    [Fact]
    public void Interactive_mode_updates_a_single_line()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var progress = new ProgressReporter(writer, interactive: true);
        progress.Start(12);
        progress.CaseCompleted("S", Case("a", "F"));
        progress.CaseCompleted("S", Case("b", "P"));
        progress.Complete();
        var text = writer.ToString();
        Assert.Single(text.Split('\n'), l => l.Length > 0);
        Assert.EndsWith("\rEvals 2/12 cases, 1 failed\n", text);
        Assert.StartsWith("\rEvals 0/12 cases, 0 failed\rEvals 1/12 cases, 1 failed\r", text);
    }

    [Theory]
    [InlineData("true", false, false)]
    [InlineData("TRUE", false, false)]
    [InlineData("1", false, false)]
    [InlineData(null, true, false)]
    [InlineData(null, false, true)]
    [InlineData("false", false, true)]
    public void Mode_detection(string? ci, bool redirected, bool interactive)
    {
        Assert.Equal(interactive, ProgressMode.IsInteractive(ci, redirected));
    }
}
