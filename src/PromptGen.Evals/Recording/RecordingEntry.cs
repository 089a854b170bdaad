using System.Text.Json.Nodes;

namespace PromptGen.Evals.Recording;

/// <summary>
/// One recorded model call. Recorded entries have a <see cref="Key"/>; hand-written entries may leave out the key,
/// the request and even the trial, and then answer any matching call of that case (see docs/evals.md, "Recordings").
/// </summary>
public sealed record RecordingEntry
{
    /// <summary>The eval case id.</summary>
    public string CaseId { get; init; } = string.Empty;

    /// <summary>The trial number (from 0), or <c>null</c> for a hand-written entry that answers every trial.</summary>
    public int? Trial { get; init; }

    public RecordingKind Kind { get; init; }

    /// <summary>
    /// The experiment arm that made the call (<c>variant/model</c>, see docs/experiments.md), or <c>null</c> for an
    /// ordinary eval run. A hand-written entry with an arm answers only that arm's calls.
    /// </summary>
    public string? Arm { get; init; }

    /// <summary>SHA-256 (hex) of the canonical kind, trial and request; <c>null</c> for a hand-written wildcard entry.</summary>
    public string? Key { get; init; }

    /// <summary>The canonical request, stored so that changes are reviewable in a diff.</summary>
    public JsonObject? Request { get; init; }

    public RecordedResponse Response { get; init; } = new();

    /// <summary>Line of the entry in the recordings file (1-based; 0 for entries made in this run).</summary>
    public int Line { get; init; }
}
