namespace PromptGen.Evals.Progress;

/// <summary>Decides between an updating terminal line and plain log lines.</summary>
public static class ProgressMode
{
    /// <summary>Interactive only when not in CI (<c>CI</c> is <c>true</c> or <c>1</c>) and the output is a terminal.</summary>
    public static bool IsInteractive(string? ciVariable, bool outputRedirected) =>
        !outputRedirected && !IsCi(ciVariable);

    public static bool IsCi(string? ciVariable) =>
        ciVariable is not null
        && (ciVariable.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) || ciVariable.Trim() == "1");
}
