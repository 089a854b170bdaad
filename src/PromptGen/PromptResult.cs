using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>The typed result of running a prompt, with what it took to get it.</summary>
public sealed class PromptResult<T>
{
    public PromptResult(T value, ChatResponse response, UsageDetails? usage, IReadOnlyList<PromptParseReport> reports)
        : this(value, response, usage, reports, Observation.PromptCallContext.NewCallId())
    {
    }

    /// <summary>Creates a result with the id of the call that produced it.</summary>
    /// <param name="value">The parsed value.</param>
    /// <param name="response">The response of the final attempt.</param>
    /// <param name="usage">Token usage summed over all attempts.</param>
    /// <param name="reports">One parse report per attempt.</param>
    /// <param name="callId">The call id (<see cref="Observation.PromptCallContext.CallId"/>).</param>
    public PromptResult(T value, ChatResponse response, UsageDetails? usage, IReadOnlyList<PromptParseReport> reports, string callId)
    {
        CallId = callId ?? throw new ArgumentNullException(nameof(callId));
        if (reports is null || reports.Count == 0)
        {
            throw new ArgumentException("At least one attempt is reported.", nameof(reports));
        }

        Value = value;
        Response = response ?? throw new ArgumentNullException(nameof(response));
        Usage = usage;
        Reports = reports;
    }

    public T Value { get; }

    /// <summary>
    /// Identifies this call: the id capture middleware records with it, so feedback given later (a user's verdict) can
    /// be joined to the captured call.
    /// </summary>
    public string CallId { get; }

    /// <summary>The response of the final attempt.</summary>
    public ChatResponse Response { get; }

    /// <summary>Token usage summed over all attempts; null when the client reported none.</summary>
    public UsageDetails? Usage { get; }

    /// <summary>Number of model calls made (1, or 2 after a re-ask).</summary>
    public int Attempts => Reports.Count;

    /// <summary>One parse report per attempt, in order.</summary>
    public IReadOnlyList<PromptParseReport> Reports { get; }

    /// <summary>Parse report of the final attempt.</summary>
    public PromptParseReport Report => Reports[Reports.Count - 1];

    /// <summary>Repairs the parser applied to the final attempt's output.</summary>
    public IReadOnlyList<PromptRepair> Repairs => Report.Repairs;

    /// <summary>The prompt variant that ran (<c>concise</c> for <c>Classify.concise.prompt</c>); <c>null</c> for the base prompt.</summary>
    public string? Variant { get; internal set; }
}
