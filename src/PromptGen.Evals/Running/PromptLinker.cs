using PromptGen.Catalog;

namespace PromptGen.Evals.Running;

/// <summary>Finds the built prompt an eval file tests: by its source path below the project, else by prompt name.</summary>
internal static class PromptLinker
{
    public static IPromptDescriptor? Find(IReadOnlyList<IPromptDescriptor> prompts, string projectDirectory, string promptFullPath, string? promptName)
    {
        var relative = Relative(projectDirectory, promptFullPath);
        var byPath = prompts.FirstOrDefault(p => string.Equals(p.SourcePath, relative, StringComparison.OrdinalIgnoreCase));
        if (byPath is not null) return byPath;
        if (promptName is null) return null;
        var byName = prompts.Where(p => string.Equals(p.Name, promptName, StringComparison.Ordinal)).ToList();
        return byName.Count == 1 ? byName[0] : null;
    }

    internal static string Relative(string projectDirectory, string fullPath)
    {
        if (string.IsNullOrEmpty(projectDirectory)) return fullPath.Replace('\\', '/');
        return Path.GetRelativePath(Path.GetFullPath(projectDirectory), fullPath).Replace('\\', '/');
    }
}
