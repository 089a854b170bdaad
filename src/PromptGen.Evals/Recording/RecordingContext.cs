using System.Text.Json.Nodes;

namespace PromptGen.Evals.Recording;

/// <summary>
/// Which case and trial a model call belongs to. The runner enters a scope around each trial
/// (<see cref="Enter(string, int)"/>); recording clients read it from the async flow, so the generated code needs no extra parameter.
/// A recording client can also be given an explicit accessor instead.
/// </summary>
public sealed record RecordingContext(string CaseId, int Trial)
{
    private static readonly AsyncLocal<RecordingContext?> CurrentValue = new();

    /// <summary>The context of the current async flow, or <c>null</c> outside any scope.</summary>
    public static RecordingContext? Current => CurrentValue.Value;

    /// <summary>The experiment arm the call belongs to (<c>variant/model</c>), or <c>null</c> outside experiments.</summary>
    public string? Arm { get; init; }

    /// <summary>
    /// The eval file the call belongs to, relative to the project directory with <c>/</c> separators, or <c>null</c>
    /// outside a run. Batch mode names its requests with it.
    /// </summary>
    public string? EvalFile { get; init; }

    /// <summary>
    /// The context of a recording client's call: its accessor's when it was given one, else <see cref="Current"/>, else
    /// case <c>""</c>, trial 0.
    /// </summary>
    internal static RecordingContext Of(Func<RecordingContext?>? accessor) =>
        (accessor is null ? Current : accessor()) ?? new RecordingContext(string.Empty, 0);

    /// <summary>The recording of a call made in this context: its case, trial and arm.</summary>
    internal RecordingEntry Entry(RecordingKind kind, string key, JsonObject request, RecordedResponse response) => new()
    {
        CaseId = CaseId,
        Arm = Arm,
        Trial = Trial,
        Kind = kind,
        Key = key,
        Request = request,
        Response = response,
    };

    /// <summary>Makes <paramref name="evalFile"/> current (for the trials entered inside) until the scope is disposed.</summary>
    internal static IDisposable EnterEvalFile(string evalFile)
    {
        var previous = CurrentValue.Value;
        CurrentValue.Value = new RecordingContext(string.Empty, 0) { EvalFile = evalFile };
        return new Scope(previous);
    }

    /// <summary>Makes (<paramref name="caseId"/>, <paramref name="trial"/>) of experiment arm <paramref name="arm"/> current until the scope is disposed.</summary>
    public static IDisposable Enter(string caseId, int trial, string? arm)
    {
        var scope = Enter(caseId, trial);
        CurrentValue.Value = CurrentValue.Value! with { Arm = arm };
        return scope;
    }

    /// <summary>Makes (<paramref name="caseId"/>, <paramref name="trial"/>) current until the returned scope is disposed.</summary>
    public static IDisposable Enter(string caseId, int trial)
    {
        if (caseId is null)
            throw new ArgumentNullException(nameof(caseId));
        if (trial < 0)
            throw new ArgumentOutOfRangeException(nameof(trial), "Trial numbers start at 0.");
        var previous = CurrentValue.Value;
        CurrentValue.Value = new RecordingContext(caseId, trial) { EvalFile = previous?.EvalFile };
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly RecordingContext? _previous;
        private bool _disposed;

        public Scope(RecordingContext? previous) => _previous = previous;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            CurrentValue.Value = _previous;
        }
    }
}
