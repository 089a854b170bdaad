using PromptGen.Language.Semantics;
using PromptGen.Language.Text;

namespace PromptGen.Language.Evals;

/// <summary>
/// Which prompt an eval file tests: <c>Prompts/TriageTicket.eval.yaml</c> tests <c>Prompts/TriageTicket.prompt</c>;
/// a <c>prompt:</c> key names the file relative to the eval file's folder (<c>.prompt</c> may be left out).
/// </summary>
public static class EvalPromptLink
{
    public const string EvalSuffix = ".eval.yaml";
    public const string AlternateEvalSuffix = ".eval.yml";
    public const string PromptExtension = PartialFile.Extension;

    /// <summary>True for file names ending in <c>.eval.yaml</c> (or <c>.eval.yml</c>).</summary>
    public static bool IsEvalFile(string path) =>
        path.EndsWith(EvalSuffix, StringComparison.OrdinalIgnoreCase) || path.EndsWith(AlternateEvalSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The prompt's path, in the same style as <paramref name="evalPath"/> (same folder prefix and separators).</summary>
    public static string GetPromptPath(string evalPath, string? promptReference)
    {
        evalPath ??= string.Empty;
        var folder = PortablePath.Folder(evalPath);
        if (!string.IsNullOrWhiteSpace(promptReference))
        {
            var reference = promptReference!.Trim();
            if (!reference.EndsWith(PromptExtension, StringComparison.OrdinalIgnoreCase)) reference += PromptExtension;
            return IsRooted(reference) ? reference : folder + reference;
        }

        return folder + PromptFileNameFor(PortablePath.FileName(evalPath));
    }

    /// <summary>The prompt file name an eval file name implies: <c>TriageTicket.eval.yaml</c> → <c>TriageTicket.prompt</c>.</summary>
    public static string PromptFileNameFor(string evalFileName)
    {
        foreach (var suffix in new[] { EvalSuffix, AlternateEvalSuffix })
        {
            if (evalFileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return evalFileName.Substring(0, evalFileName.Length - suffix.Length) + PromptExtension;
            }
        }

        var dot = evalFileName.LastIndexOf('.');
        return (dot > 0 ? evalFileName.Substring(0, dot) : evalFileName) + PromptExtension;
    }

    private static bool IsRooted(string path) =>
        path.StartsWith("/", StringComparison.Ordinal) || path.StartsWith("\\", StringComparison.Ordinal) || (path.Length > 1 && path[1] == ':');
}
