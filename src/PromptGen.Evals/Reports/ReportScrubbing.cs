using PromptGen.Evals.Results;
using PromptGen.Security;

namespace PromptGen.Evals.Reports;

/// <summary>
/// Scrubs every text field of a run before a report is rendered: the result model carries no secrets, but a model or a
/// provider error can echo one back. Fields are scrubbed whole, before any report writer shortens them.
/// </summary>
internal static class ReportScrubbing
{
    public static EvalRun Scrub(EvalRun run, SecretScrubber scrubber) => run with
    {
        Mode = scrubber.Scrub(run.Mode),
        Suites = run.Suites.Select(s => s with { Result = Scrub(s.Result, scrubber), Target = scrubber.Scrub(s.Target) }).ToArray(),
    };

    private static SuiteResult Scrub(SuiteResult suite, SecretScrubber scrubber) => suite with
    {
        EvalFile = scrubber.Scrub(suite.EvalFile),
        PromptName = scrubber.Scrub(suite.PromptName),
        StaleCaseIds = suite.StaleCaseIds.Select(id => scrubber.Scrub(id)).ToArray(),
        Cases = suite.Cases.Select(c => c with
        {
            CaseId = scrubber.Scrub(c.CaseId),
            Trials = c.Trials.Select(t => Scrub(t, scrubber)).ToArray(),
        }).ToArray(),
        Gate = suite.Gate is null ? null : suite.Gate with
        {
            Findings = suite.Gate.Findings.Select(f => f with { Message = scrubber.Scrub(f.Message), CaseId = scrubber.Scrub(f.CaseId) }).ToArray(),
        },
    };

    internal static TrialResult Scrub(TrialResult trial, SecretScrubber scrubber) => trial with
    {
        Error = scrubber.Scrub(trial.Error),
        RenderedMessagesJson = scrubber.Scrub(trial.RenderedMessagesJson),
        ModelText = scrubber.Scrub(trial.ModelText),
        OutputJson = scrubber.Scrub(trial.OutputJson),
        Repairs = trial.Repairs.Select(r => scrubber.Scrub(r)).ToArray(),
        Assertions = trial.Assertions.Select(a => a with { Message = scrubber.Scrub(a.Message), Description = scrubber.Scrub(a.Description) }).ToArray(),
    };
}
