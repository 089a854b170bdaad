using System.Diagnostics;
using Microsoft.Extensions.AI;
using PromptGen.Catalog;
using PromptGen.Evals.Assertions;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Results;
using PromptGen.Language.Evals;
using PromptGen.Language.Values;

namespace PromptGen.Evals.Running;

/// <summary>
/// Runs one trial of one case with the application's own generated code: render → app client (recording → resilience
/// → provider) with the prompt's options → parse → score. Infrastructure and evaluation problems become trial errors (PG1003
/// for a missing recording, the judge's included; PG1004 for everything else, a regex time-out included), never failed
/// assertions.
/// </summary>
internal sealed class TrialRunner
{
    private readonly IPromptDescriptor _prompt;
    private readonly EvalModelClients _clients;
    private readonly AssertionServices _services;
    private readonly EvalCostMeter? _costMeter;
    private readonly string? _arm;

    // arm: the experiment arm the trials belong to (recordings are keyed by it); null in an ordinary run.
    public TrialRunner(IPromptDescriptor prompt, EvalModelClients clients, EvalCostMeter? costMeter, TimeSpan regexTimeout, string? arm = null)
    {
        _arm = arm;
        _prompt = prompt;
        _clients = clients;
        _costMeter = costMeter;
        _services = new AssertionServices { Judge = clients.Judge, Embeddings = clients.Embeddings, RegexTimeout = regexTimeout };
    }

    /// <summary>
    /// Runs every trial of <paramref name="evalCase"/>, each in one of <paramref name="slots"/> (the run's concurrency
    /// limit), and scores the case by its pass rule; <paramref name="afterTrial"/> runs after each trial.
    /// </summary>
    public async Task<CaseResult> RunCaseAsync(EvalFile file, EvalCase evalCase, SemaphoreSlim slots, Action? afterTrial, CancellationToken cancellationToken)
    {
        var caseId = evalCase.Id!;
        var inputJson = PromptJson.Serialize(evalCase.Input ?? PromptValue.EmptyObject());
        var count = Math.Max(1, evalCase.EffectiveTrials(file.Defaults));
        var rule = evalCase.EffectivePassWhen(file.Defaults);
        var trialResults = new List<TrialResult>(count);
        for (var trial = 1; trial <= count; trial++)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                trialResults.Add(await RunAsync(evalCase, caseId, inputJson, trial, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                slots.Release();
            }

            afterTrial?.Invoke();
        }

        var passed = trialResults.Count(t => t.Passed);
        return new CaseResult
        {
            CaseId = caseId,
            Line = evalCase.IdSpan.StartLine > 0 ? evalCase.IdSpan.StartLine : evalCase.Span.StartLine,
            Column = evalCase.IdSpan.StartLine > 0 ? evalCase.IdSpan.StartColumn : evalCase.Span.StartColumn,
            Critical = evalCase.Critical,
            PassWhen = rule.ToString(),
            Trials = trialResults,
            Passed = trialResults.All(t => !t.IsError) && rule.IsSatisfied(passed, trialResults.Count),
        };
    }

    public async Task<TrialResult> RunAsync(EvalCase evalCase, string caseId, string inputJson, int trial, CancellationToken cancellationToken)
    {
        using var scope = RecordingContext.Enter(caseId, trial, _arm);
        string? renderedJson = null;
        string? modelText = null;
        var latency = TimeSpan.Zero;
        try
        {
            var messages = PromptInputRenderer.TryRender(_prompt, inputJson, out var renderError);
            if (messages is null) return Error(trial, EvalProviderException.ProviderErrorDiagnosticId, renderError!);

            renderedJson = RenderedMessages.ToJson(messages);
            var options = _prompt.CreateOptions();
            var watch = Stopwatch.StartNew();
            var response = await EvalToolInvocation.For(_clients.App, options).GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            // The provider layer measures the attempt that answered: waiting for a call slot, retries and Retry-After
            // waits are the infrastructure's time, not the model's. A replayed answer has only the time it took here.
            latency = ResilientChatClient.LatencyOf(response) ?? watch.Elapsed;
            modelText = response.Text;

            var parsed = _prompt.ParseToJson(modelText);
            var inputTokens = response.Usage?.InputTokenCount;
            var outputTokens = response.Usage?.OutputTokenCount;
            var subject = new AssertionSubject
            {
                ModelText = modelText,
                OutputJson = parsed.ValueJson,
                IsTextOutput = _prompt.OutputJsonSchema is null,
                ParseReport = parsed.Report,
                OutputJsonSchema = _prompt.OutputJsonSchema,
                Latency = latency,
                InputTokens = inputTokens,
                OutputTokens = outputTokens,
                Cost = _costMeter?.CostOf(inputTokens, outputTokens),
                ToolCalls = EvalToolInvocation.CallsIn(response),
            };

            var outcomes = new List<AssertionOutcome>(evalCase.Assert.Count + evalCase.Check.Count + 1);
            if (!parsed.Success)
            {
                // The application would throw PromptOutputException here: the trial fails whatever else holds.
                outcomes.Add(new AssertionOutcome("parse", "the output parses", false, true, AssertionSubject.ParseFailure(parsed.Report.Error), null, evalCase.Span.StartLine));
            }

            foreach (var assertion in evalCase.AllAssertions)
            {
                outcomes.Add(await AssertionScorer.ScoreAsync(assertion, subject, _services, cancellationToken).ConfigureAwait(false));
            }

            return new TrialResult
            {
                Trial = trial,
                Passed = outcomes.All(o => o.Passed || !o.Gating),
                Assertions = outcomes,
                RenderedMessagesJson = renderedJson,
                ModelText = modelText,
                OutputJson = parsed.ValueJson,
                Repairs = parsed.Report.Repairs.Select(r => r.ToString()).ToList(),
                Latency = latency,
                InputTokens = inputTokens,
                OutputTokens = outputTokens,
                Cost = subject.Cost,
            };
        }
        catch (Exception exception) when (KnownInfrastructureError(exception) is { } id)
        {
            return Error(trial, id, exception.Message, renderedJson, modelText);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // An unexpected failure of the client stack (an HTTP error the provider layer did not classify, a broken
            // user factory): infrastructure, never a quality verdict.
            return Error(trial, EvalProviderException.ProviderErrorDiagnosticId, $"{exception.GetType().Name}: {exception.Message}", renderedJson, modelText);
        }
    }

    /// <summary>The diagnostic of a failure the eval stack reports on its own terms (its message says it all); <c>null</c> for any other.</summary>
    private static string? KnownInfrastructureError(Exception exception) => exception switch
    {
        RecordingMissingException missing => missing.DiagnosticId,
        EvalProviderException provider => provider.DiagnosticId,
        // A judge that failed, or an assertion that could not be evaluated (a regex that timed out): nothing is known
        // about the output's quality.
        AssertionServiceException or AssertionEvaluationException => EvalProviderException.ProviderErrorDiagnosticId,
        _ => null,
    };

    private static TrialResult Error(int trial, string id, string message, string? rendered = null, string? modelText = null) => new()
    {
        Trial = trial,
        Passed = false,
        Error = message,
        ErrorId = id,
        RenderedMessagesJson = rendered,
        ModelText = modelText,
    };
}
