using PromptGen.Evals.Files;

namespace PromptGen.Evals.Baselines;

/// <summary>A baseline file that cannot be read, with the position of the problem (1-based).</summary>
public sealed class BaselineFormatException(string path, int line, int column, string reason)
    : EvalFileFormatException(path, line, column, reason, $"{path}({line},{column}): malformed baseline: {reason}");
