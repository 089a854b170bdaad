namespace PromptGen.Evals.Recording;

/// <summary>How an eval run uses its recordings (PRODUCT §6).</summary>
public enum EvalMode
{
    /// <summary>Answer every model call from the recordings; a missing one is PG1003. Default when <c>CI=true</c>.</summary>
    Replay,

    /// <summary>Replay what is recorded, call the model and record what is missing. Default locally.</summary>
    Auto,

    /// <summary>Always call the model and overwrite the recordings; entries not used by the run are pruned.</summary>
    Record,

    /// <summary>Always call the model; recordings are neither read nor written.</summary>
    Live,

    /// <summary>No model calls at all: any call fails fast.</summary>
    Off,
}

/// <summary>Parses and resolves <see cref="EvalMode"/> from explicit settings and the environment.</summary>
public static class EvalModes
{
    /// <summary>The environment variable that overrides the default mode.</summary>
    public const string ModeVariable = "PROMPTGEN_EVAL_MODE";

    /// <summary>
    /// The mode for a run: <paramref name="explicitMode"/> when given (e.g. <c>--mode</c> or an MSBuild property),
    /// else <c>PROMPTGEN_EVAL_MODE</c>, else <see cref="EvalMode.Replay"/> when <c>CI=true</c>, else <see cref="EvalMode.Auto"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A mode name is not one of replay, auto, record, live, off.</exception>
    public static EvalMode Resolve(string? explicitMode = null, Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(explicitMode))
            return Parse(explicitMode!);
        var fromEnvironment = getVariable(ModeVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Parse(fromEnvironment!);
        var ci = getVariable("CI");
        return string.Equals(ci?.Trim(), "true", StringComparison.OrdinalIgnoreCase) ? EvalMode.Replay : EvalMode.Auto;
    }

    /// <summary>The mode names, worded for messages.</summary>
    internal const string Expected = "replay, auto, record, live or off";

    /// <summary>Parses a mode name (case-insensitive).</summary>
    public static EvalMode Parse(string text)
    {
        if (TryParse(text, out var mode))
            return mode;
        throw new ArgumentException($"Unknown eval mode '{text}': expected {Expected}.", nameof(text));
    }

    public static bool TryParse(string? text, out EvalMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "replay": mode = EvalMode.Replay; return true;
            case "auto": mode = EvalMode.Auto; return true;
            case "record": mode = EvalMode.Record; return true;
            case "live": mode = EvalMode.Live; return true;
            case "off": mode = EvalMode.Off; return true;
            default: mode = EvalMode.Auto; return false;
        }
    }

    /// <summary>The lower-case name used on the command line and in messages.</summary>
    public static string ToName(this EvalMode mode) => mode.ToString().ToLowerInvariant();
}
