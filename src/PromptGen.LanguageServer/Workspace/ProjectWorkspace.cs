using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;

namespace PromptGen.LanguageServer.Workspace;

/// <summary>
/// One project as the build sees it (the folder <see cref="PromptProject.FindRoot"/> finds for a file): its prompt,
/// partial and eval files as <see cref="ProjectFiles"/> finds them, with the editor's text for open documents in place
/// of the files on disk.
/// </summary>
internal sealed class ProjectWorkspace
{
    private readonly IReadOnlyDictionary<string, OpenDocument> _open;
    private readonly Dictionary<string, string> _disk = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Text, PartialCatalog Partials, PromptSemantics Semantics)> _compiled = new(StringComparer.Ordinal);
    private GeneratorHost? _generator;
    private PartialCatalog? _partials;
    private string _partialsKey = string.Empty;

    public ProjectWorkspace(string root, IReadOnlyDictionary<string, OpenDocument> openDocuments)
    {
        Root = root;
        _open = openDocuments;
        Settings = ProjectSettings.Read(root);
        RefreshDisk();
    }

    public string Root { get; }

    public ProjectSettings Settings { get; }

    /// <summary>Re-reads the project's files from disk (after files were created, deleted or saved outside the editor).</summary>
    public void RefreshDisk()
    {
        _disk.Clear();
        IReadOnlyList<string> paths;
        try
        {
            paths = ProjectFiles.Enumerate(Root);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            paths = Array.Empty<string>();
        }

        foreach (var path in paths)
        {
            try
            {
                _disk[path] = ProjectFiles.ReadText(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A file that vanished between listing and reading is simply not part of the project.
            }
        }
    }

    public bool Contains(string path) => IsUnderRoot(path);

    /// <summary>Every file of the project with its current text (open documents win over the disk).</summary>
    public IReadOnlyDictionary<string, string> Files()
    {
        var files = new Dictionary<string, string>(_disk, StringComparer.Ordinal);
        foreach (var document in _open.Values)
        {
            if (IsUnderRoot(document.Path) && ProjectFiles.IsProjectFile(document.Path)) files[document.Path] = document.Text;
        }

        return files;
    }

    public string? TextOf(string path) => _open.TryGetValue(path, out var document) ? document.Text : _disk.TryGetValue(path, out var text) ? text : null;

    /// <summary>The project's partials by the one lookup rule, with the editor's text for open partials.</summary>
    public PartialCatalog Partials
    {
        get
        {
            var files = Files().Where(f => PartialFile.NameOf(f.Key) is not null).OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
            var key = string.Join("\0", files.Select(f => f.Key + "\u0001" + f.Value.Length + "\u0001" + f.Value.GetHashCode()));
            if (_partials is null || key != _partialsKey)
            {
                _partials = new PartialCatalog(files.Select(f => new PartialFile(PartialFile.NameOf(f.Key)!, f.Key, f.Value)));
                _partialsKey = key;
            }

            return _partials;
        }
    }

    /// <summary>The prompt at <paramref name="path"/> compiled by the one compile driver (cached until its text or a partial changes).</summary>
    public PromptSemantics? Compile(string path)
    {
        var text = TextOf(path);
        if (text is null) return null;
        var partials = Partials;
        if (_compiled.TryGetValue(path, out var cached) && ReferenceEquals(cached.Partials, partials) && string.Equals(cached.Text, text, StringComparison.Ordinal))
        {
            return cached.Semantics;
        }

        var semantics = PromptCompiler.Compile(path, text, partials);
        _compiled[path] = (text, partials, semantics);
        return semantics;
    }

    /// <summary>Every prompt file (not partials) of the project.</summary>
    public IEnumerable<string> PromptPaths => Files().Keys.Where(PartialFile.IsPromptPath).OrderBy(p => p, StringComparer.Ordinal);

    /// <summary>Every eval file of the project.</summary>
    public IEnumerable<string> EvalPaths => Files().Keys.Where(EvalPromptLink.IsEvalFile).OrderBy(p => p, StringComparer.Ordinal);

    /// <summary>The build's diagnostics for every file of the project.</summary>
    public IReadOnlyList<FileDiagnostic> Diagnostics(CancellationToken cancellationToken)
    {
        _generator ??= new GeneratorHost(Settings);
        return _generator.Run(Files(), cancellationToken);
    }

    /// <summary>The eval file and its prompt (compiled), or a null prompt when the eval names none that exists.</summary>
    public (EvalFile File, PromptSemantics? Prompt) LoadEval(string path)
    {
        var file = EvalFileParser.Parse(path, TextOf(path) ?? string.Empty);
        var promptPath = Path.GetFullPath(file.PromptPath);
        return (file, TextOf(promptPath) is null ? null : Compile(promptPath));
    }

    private bool IsUnderRoot(string path)
    {
        var root = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        return path.StartsWith(root, StringComparison.Ordinal);
    }
}
