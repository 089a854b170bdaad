using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PromptGen.Telemetry;

/// <summary>
/// The telemetry of one generated prompt call: its span, its metrics and its log events. <see cref="Start"/> returns
/// null when no span, instrument or logger listens, so an unobserved call allocates nothing for telemetry.
/// </summary>
/// <remarks>
/// The span is current while the chat client runs, so the chat spans of Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry</c> (and HTTP spans under them) nest under it.
/// </remarks>
internal sealed class PromptCallTelemetry : IDisposable
{
    private readonly string? _promptName;
    private readonly string? _requestModel;
    private readonly Activity? _activity;
    private readonly ILogger? _logger;
    private readonly PromptTelemetryOptions _options;
    private readonly long _startTimestamp;
    private List<ChatResponse>? _responses;
    private PromptParseReport? _lastReport;
    private bool _lastParsed;
    private int _reasks;
    private long? _inputTokens;
    private long? _outputTokens;
    private string? _responseModel;
    private Exception? _failure;

    private PromptCallTelemetry(string? promptName, string? requestModel, Activity? activity, ILogger? logger, PromptTelemetryOptions options)
    {
        _promptName = promptName;
        _requestModel = requestModel;
        _activity = activity;
        _logger = logger;
        _options = options;
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Starts the call's telemetry before the first chat request, or returns null when nothing listens.
    /// </summary>
    /// <param name="call">The generated prompt's call (name, version, variant, call id); null when the runner was called without one.</param>
    /// <param name="client">The chat client (asked for its provider metadata).</param>
    /// <param name="messages">The rendered messages (put on the span only when sensitive data is enabled).</param>
    /// <param name="chatOptions">The merged chat options (their model is the requested model).</param>
    /// <param name="options">The call's telemetry options; null uses <see cref="PromptGenTelemetry.DefaultOptions"/>.</param>
    public static PromptCallTelemetry? Start(
        Observation.PromptCallContext? call,
        IChatClient client,
        IList<ChatMessage> messages,
        ChatOptions? chatOptions,
        PromptTelemetryOptions? options)
    {
        options ??= PromptGenTelemetry.DefaultOptions;
        var logger = options.Logger;
        if (logger is null && !PromptInstruments.AnyListener)
        {
            return null;
        }

        var promptName = call?.CallSite.Name;
        var requestModel = chatOptions?.ModelId;
        Activity? activity = null;
        if (PromptInstruments.Source.HasListeners())
        {
            var name = promptName is null ? PromptTelemetryNames.OperationName : PromptTelemetryNames.OperationName + " " + promptName;
            activity = PromptInstruments.Source.StartActivity(name, ActivityKind.Internal);
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(PromptTelemetryNames.GenAIOperationName, PromptTelemetryNames.OperationName);
            if (promptName is not null) activity.SetTag(PromptTelemetryNames.PromptName, promptName);
            if (call is not null)
            {
                activity.SetTag(PromptTelemetryNames.PromptVersion, call.CallSite.Version);
                if (call.CallSite.Variant is { } variant) activity.SetTag(PromptTelemetryNames.PromptVariant, variant);
                activity.SetTag(PromptTelemetryNames.CallId, call.CallId);
            }

            if (requestModel is not null) activity.SetTag(PromptTelemetryNames.GenAIRequestModel, requestModel);
            if (client.GetService(typeof(ChatClientMetadata)) is ChatClientMetadata { ProviderName: { } provider })
            {
                activity.SetTag(PromptTelemetryNames.GenAIProviderName, provider);
            }

            if (options.EnableSensitiveData)
            {
                activity.SetTag(PromptTelemetryNames.GenAIInputMessages, MessageContentWriter.Write(messages, options.ScrubberOrDefault));
            }
        }

        return new PromptCallTelemetry(promptName, requestModel, activity, logger, options);
    }

    /// <summary>Records one attempt: the model's answer and how it parsed.</summary>
    /// <param name="attempt">1 for the first request, 2 after a re-ask.</param>
    /// <param name="response">The model's answer.</param>
    /// <param name="report">The parser's report on it.</param>
    /// <param name="parsed">Whether a typed value came out.</param>
    /// <param name="willReask">Whether the model is asked again because of this answer.</param>
    public void Attempt(int attempt, ChatResponse response, PromptParseReport report, bool parsed, bool willReask)
    {
        _lastReport = report;
        _lastParsed = parsed;
        _responseModel = response.ModelId ?? _responseModel;
        if (response.Usage is { } usage)
        {
            if (usage.InputTokenCount is { } input) _inputTokens = (_inputTokens ?? 0) + input;
            if (usage.OutputTokenCount is { } output) _outputTokens = (_outputTokens ?? 0) + output;
        }

        if (_activity is not null && _options.EnableSensitiveData)
        {
            (_responses ??= new List<ChatResponse>(2)).Add(response);
        }

        var promptTag = new KeyValuePair<string, object?>(PromptTelemetryNames.PromptName, _promptName);
        if (parsed)
        {
            var repairs = report.Repairs;
            if (repairs.Count == 0) return;
            if (PromptInstruments.Repairs.Enabled)
            {
                foreach (var repair in repairs)
                {
                    PromptInstruments.Repairs.Add(1, promptTag, new KeyValuePair<string, object?>(PromptTelemetryNames.RepairKind, RepairKindNames.Of(repair.Kind)));
                }
            }

            if (_logger is not null && _logger.IsEnabled(LogLevel.Information))
            {
                PromptLog.OutputRepaired(_logger, _promptName ?? string.Empty, attempt, repairs.Count, string.Join(", ", DistinctKinds(report)));
            }

            return;
        }

        PromptInstruments.ParseFailures.Add(1, promptTag);
        if (willReask)
        {
            _reasks++;
            PromptInstruments.Reasks.Add(1, promptTag);
        }

        if (_logger is not null && _logger.IsEnabled(LogLevel.Warning))
        {
            var error = _options.ScrubberOrDefault.Scrub(report.Error) ?? "unknown error";
            PromptLog.OutputParseFailed(_logger, _promptName ?? string.Empty, attempt, error, willReask);
        }
    }

    /// <summary>
    /// Notes the exception that ends the call; always false, so that it can sit in an exception filter and leave the
    /// exception and its stack untouched.
    /// </summary>
    public bool Failed(Exception exception)
    {
        _failure ??= exception;
        return false;
    }

    /// <summary>Ends the span and records the call's metrics.</summary>
    public void Dispose()
    {
        var outcome = _failure is null && _lastParsed
            ? PromptTelemetryNames.Outcomes.Success
            : _failure is PromptOutputException || (_failure is null && _lastReport is not null)
                ? PromptTelemetryNames.Outcomes.ParseFailed
                : PromptTelemetryNames.Outcomes.Error;

        var activity = _activity;
        if (activity is { IsAllDataRequested: true })
        {
            if (_lastReport is { } report)
            {
                activity.SetTag(PromptTelemetryNames.ParseOutcome, ParseOutcomeOf(report, _lastParsed));
                activity.SetTag(PromptTelemetryNames.RepairCount, report.Repairs.Count);
                if (report.Repairs.Count > 0) activity.SetTag(PromptTelemetryNames.RepairKinds, DistinctKinds(report));
            }

            activity.SetTag(PromptTelemetryNames.ReaskCount, _reasks);
            if (_responseModel is not null) activity.SetTag(PromptTelemetryNames.GenAIResponseModel, _responseModel);
            if (_inputTokens is { } input) activity.SetTag(PromptTelemetryNames.GenAIUsageInputTokens, input);
            if (_outputTokens is { } output) activity.SetTag(PromptTelemetryNames.GenAIUsageOutputTokens, output);
            if (_responses is not null)
            {
                activity.SetTag(PromptTelemetryNames.GenAIOutputMessages, MessageContentWriter.WriteResponses(_responses, _options.ScrubberOrDefault));
            }

            if (outcome != PromptTelemetryNames.Outcomes.Success)
            {
                var errorType = _failure?.GetType().FullName ?? typeof(PromptOutputException).FullName;
                activity.SetTag(PromptTelemetryNames.ErrorType, errorType);
                activity.SetStatus(ActivityStatusCode.Error, _failure is null ? null : _options.ScrubberOrDefault.Scrub(_failure.Message));
            }
        }

        activity?.Dispose();

        var promptTag = new KeyValuePair<string, object?>(PromptTelemetryNames.PromptName, _promptName);
        var outcomeTag = new KeyValuePair<string, object?>(PromptTelemetryNames.Outcome, outcome);
        var modelTag = new KeyValuePair<string, object?>(PromptTelemetryNames.GenAIRequestModel, _requestModel);
        PromptInstruments.Calls.Add(1, promptTag, outcomeTag, modelTag);
        if (PromptInstruments.CallDuration.Enabled)
        {
            var seconds = (Stopwatch.GetTimestamp() - _startTimestamp) / (double)Stopwatch.Frequency;
            PromptInstruments.CallDuration.Record(seconds, promptTag, outcomeTag, modelTag);
        }
    }

    private static string ParseOutcomeOf(PromptParseReport report, bool parsed) =>
        !parsed ? PromptTelemetryNames.ParseOutcomes.Failed
        : report.IsClean ? PromptTelemetryNames.ParseOutcomes.Clean
        : PromptTelemetryNames.ParseOutcomes.Repaired;

    private static string[] DistinctKinds(PromptParseReport report)
    {
        var kinds = new List<string>(report.Repairs.Count);
        foreach (var repair in report.Repairs)
        {
            var name = RepairKindNames.Of(repair.Kind);
            if (!kinds.Contains(name)) kinds.Add(name);
        }

        return kinds.ToArray();
    }
}
