using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;

namespace PromptGen.Language.Semantics;

/// <summary>
/// The one partial lookup rule, shared by the build, the CLI, the evals and the run-time renderer: <c>{{&gt; name}}</c>
/// resolves to the file <c>_name.prompt</c> anywhere in the project (the build's prompt items; for the CLI, the
/// project folder: see <see cref="PromptProject"/>). A partial's whole file is its template (partials have no
/// frontmatter). When two files share a name, the first path in ordinal order wins. Each partial is parsed once.
/// </summary>
public sealed class PartialCatalog : IPartialResolver
{
    /// <summary>A catalog with no partials.</summary>
    public static readonly PartialCatalog Empty = new(Array.Empty<PartialFile>());

    private readonly Dictionary<string, PartialFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartialTemplate> _parsed = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <param name="files">The project's partial files (name, path, text); order does not matter.</param>
    public PartialCatalog(IEnumerable<PartialFile> files)
    {
        if (files is null) throw new ArgumentNullException(nameof(files));
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!_files.ContainsKey(file.Name)) _files[file.Name] = file;
        }
    }

    /// <summary>Partials given as name → template text (no files; for tests and the run-time API).</summary>
    public static PartialCatalog FromTexts(IReadOnlyDictionary<string, string> templates)
    {
        if (templates is null) throw new ArgumentNullException(nameof(templates));
        return new PartialCatalog(templates.Select(p => new PartialFile(p.Key, string.Empty, p.Value ?? string.Empty)));
    }

    /// <summary>The partial files under <paramref name="directory"/> and its subfolders (build output and dot folders skipped).</summary>
    public static PartialCatalog FromDirectory(string directory)
    {
        if (directory is null) throw new ArgumentNullException(nameof(directory));
        return new PartialCatalog(ProjectFiles.Enumerate(directory)
            .Where(path => PartialFile.NameOf(path) is not null)
            .Select(path => new PartialFile(PartialFile.NameOf(path)!, path, ProjectFiles.ReadText(path))));
    }

    /// <summary>Partial names, in ordinal order.</summary>
    public IReadOnlyList<string> Names => _files.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <summary>The file that defines <paramref name="name"/>, or null.</summary>
    public PartialFile? FindFile(string name) => name is not null && _files.TryGetValue(name, out var file) ? file : null;

    public PartialTemplate? Resolve(string name)
    {
        if (name is null) return null;
        lock (_gate)
        {
            if (_parsed.TryGetValue(name, out var parsed)) return parsed;
            if (!_files.TryGetValue(name, out var file)) return null;
            parsed = PromptCompiler.ParsePartial(file);
            _parsed[name] = parsed;
            return parsed;
        }
    }
}

/// <summary>A partial file: <c>_name.prompt</c>, referenced as <c>{{&gt; name}}</c>.</summary>
/// <param name="Name">The partial's name (the file name without the leading <c>_</c> and the extension).</param>
/// <param name="Path">The file's path (empty when the partial was given as text).</param>
/// <param name="Text">The whole file: a partial is template text only.</param>
public sealed record PartialFile(string Name, string Path, string Text)
{
    public const string Extension = ".prompt";

    /// <summary>The partial name of a path like <c>Prompts/_signature.prompt</c>, or null for any other file.</summary>
    public static string? NameOf(string path)
    {
        if (path is null || !IsPartialPath(path)) return null;
        var fileName = PortablePath.FileName(path);
        if (fileName.Length <= 1 + Extension.Length) return null;
        return fileName.Substring(1, fileName.Length - 1 - Extension.Length);
    }

    /// <summary>True for a partial file: its name starts with <c>_</c> and ends with <c>.prompt</c>.</summary>
    public static bool IsPartialPath(string path)
    {
        if (path is null) return false;
        var fileName = PortablePath.FileName(path);
        return fileName.StartsWith("_", StringComparison.Ordinal) && fileName.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True for a prompt file (<c>*.prompt</c>) that is not a partial.</summary>
    public static bool IsPromptPath(string path) =>
        path is not null && path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) && !IsPartialPath(path);
}
