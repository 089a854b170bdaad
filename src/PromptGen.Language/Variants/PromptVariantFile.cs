using PromptGen.Language.Semantics;
using PromptGen.Language.Text;

namespace PromptGen.Language.Variants;

/// <summary>
/// The one rule that says which <c>.prompt</c> files are variants (Dotprompt's naming): <c>Classify.concise.prompt</c>
/// is the variant <c>concise</c> of <c>Classify.prompt</c> when that base file is in the same folder. A file name with
/// more than one dot, or whose base file does not exist, is an ordinary prompt. The source generator, the CLI and the
/// eval runner all ask here.
/// </summary>
public sealed record PromptVariantFile(string Path, string BasePath, string Variant)
{
    /// <summary>
    /// Splits a path into base file and variant name by its file name alone (<c>Classify.concise.prompt</c> →
    /// <c>Classify.prompt</c>, <c>concise</c>); null for partials, non-prompts and names without exactly one inner dot.
    /// </summary>
    public static PromptVariantFile? FromName(string path)
    {
        if (!PartialFile.IsPromptPath(path)) return null;
        var folder = PortablePath.Folder(path);
        var fileName = PortablePath.FileName(path);
        var stem = fileName.Substring(0, fileName.Length - PartialFile.Extension.Length);
        var dot = stem.IndexOf('.');
        if (dot <= 0 || dot == stem.Length - 1 || stem.IndexOf('.', dot + 1) >= 0) return null;
        var extension = fileName.Substring(stem.Length);
        return new PromptVariantFile(path, folder + stem.Substring(0, dot) + extension, stem.Substring(dot + 1));
    }

    /// <summary>The variant a prompt file is, given every prompt file of the project; null when it is not a variant.</summary>
    public static PromptVariantFile? Of(string path, IEnumerable<string> promptPaths)
    {
        var candidate = FromName(path);
        if (candidate is null) return null;
        var target = Normalize(candidate.BasePath);
        return promptPaths.Any(p => string.Equals(Normalize(p), target, StringComparison.Ordinal)) ? candidate : null;
    }

    /// <summary>The file of variant <paramref name="variant"/> of the prompt at <paramref name="basePath"/>.</summary>
    public static string PathOf(string basePath, string variant)
    {
        var extension = basePath.Substring(basePath.Length - PartialFile.Extension.Length);
        return basePath.Substring(0, basePath.Length - extension.Length) + "." + variant + extension;
    }

    /// <summary>Every variant of the prompt at <paramref name="basePath"/> among <paramref name="promptPaths"/>, by name in ordinal order.</summary>
    public static IReadOnlyList<PromptVariantFile> VariantsOf(string basePath, IEnumerable<string> promptPaths) =>
        new PromptVariantIndex(promptPaths).VariantsOf(basePath);

    internal static string Normalize(string path) => path.Replace('\\', '/');
}
