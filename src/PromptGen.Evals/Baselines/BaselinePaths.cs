namespace PromptGen.Evals.Baselines;

/// <summary>Where an eval file's baseline lives: next to it, <c>X.eval.yaml</c> → <c>X.eval.baseline.json</c>.</summary>
public static class BaselinePaths
{
    public const string Suffix = ".baseline.json";

    public static string ForEvalFile(string evalFilePath)
    {
        if (string.IsNullOrEmpty(evalFilePath)) throw new ArgumentException("The eval file path is empty.", nameof(evalFilePath));
        var extension = Path.GetExtension(evalFilePath);
        var stem = extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase)
            ? evalFilePath.Substring(0, evalFilePath.Length - extension.Length)
            : evalFilePath;
        return stem + Suffix;
    }
}
