namespace PromptGen.Language.Variants;

/// <summary>
/// <see cref="PromptVariantFile"/>'s rule over one project's prompt files, read once: which file is a variant and which
/// variants a base has are then lookups instead of a scan of every file, for callers that ask about every prompt.
/// </summary>
public sealed class PromptVariantIndex
{
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PromptVariantFile>> _variantsByBase = new(StringComparer.Ordinal);

    /// <summary>Reads <paramref name="promptPaths"/> (every prompt file of the project).</summary>
    public PromptVariantIndex(IEnumerable<string> promptPaths)
    {
        foreach (var path in promptPaths)
        {
            _paths.Add(PromptVariantFile.Normalize(path));
            if (PromptVariantFile.FromName(path) is not { } variant) continue;
            var basePath = PromptVariantFile.Normalize(variant.BasePath);
            if (!_variantsByBase.TryGetValue(basePath, out var variants)) _variantsByBase[basePath] = variants = new List<PromptVariantFile>();
            variants.Add(variant);
        }
    }

    /// <summary>The variant <paramref name="path"/> is; null when it is not a variant (see <see cref="PromptVariantFile.Of"/>).</summary>
    public PromptVariantFile? Of(string path) =>
        PromptVariantFile.FromName(path) is { } candidate && _paths.Contains(PromptVariantFile.Normalize(candidate.BasePath)) ? candidate : null;

    /// <summary>Every variant of the prompt at <paramref name="basePath"/>, by name in ordinal order (see <see cref="PromptVariantFile.VariantsOf"/>).</summary>
    public IReadOnlyList<PromptVariantFile> VariantsOf(string basePath) =>
        _variantsByBase.TryGetValue(PromptVariantFile.Normalize(basePath), out var variants)
            ? variants.OrderBy(v => v.Variant, StringComparer.Ordinal).ToList()
            : Array.Empty<PromptVariantFile>();
}
