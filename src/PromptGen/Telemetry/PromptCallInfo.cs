namespace PromptGen.Telemetry;

/// <summary>What the runner knows about the prompt it runs, for its telemetry: the name, version and variant (when the
/// call site gives them) and the caller's telemetry options.</summary>
internal readonly struct PromptCallInfo
{
    public PromptCallInfo(string? promptName, string? promptVersion, string? promptVariant, PromptTelemetryOptions? telemetry)
    {
        PromptName = promptName;
        PromptVersion = promptVersion;
        PromptVariant = promptVariant;
        Telemetry = telemetry;
    }

    public string? PromptName { get; }

    public string? PromptVersion { get; }

    public string? PromptVariant { get; }

    public PromptTelemetryOptions? Telemetry { get; }
}
