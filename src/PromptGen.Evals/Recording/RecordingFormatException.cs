using PromptGen.Evals.Files;

namespace PromptGen.Evals.Recording;

/// <summary>A recordings file is not valid JSON or not in the recordings format. Carries the location of the problem.</summary>
public sealed class RecordingFormatException(string path, int line, int column, string problem)
    : EvalFileFormatException(path, line, column, problem, $"{path}({line},{column}): {problem}");
