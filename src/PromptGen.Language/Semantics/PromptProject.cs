using PromptGen.Language.Diagnostics;
using PromptGen.Language.Evals;

namespace PromptGen.Language.Semantics;

/// <summary>
/// A folder of prompts as the command line sees it: the same files the build's default items take, compiled through
/// <see cref="PromptCompiler"/> with the one partial lookup rule (<see cref="PartialCatalog"/>). The project folder of a
/// path is the nearest folder at or above it that holds a <c>*.csproj</c> file (not above a repository root, a folder
/// with <c>.git</c>); without one, the folder given (or the file's folder).
/// </summary>
public sealed class PromptProject
{
    private readonly Lazy<PartialCatalog> _partials;
    private readonly Dictionary<string, PromptSemantics> _prompts = new(StringComparer.Ordinal);

    private PromptProject(string root)
    {
        Root = root;
        _partials = new Lazy<PartialCatalog>(() => PartialCatalog.FromDirectory(root));
    }

    /// <summary>The project folder (full path).</summary>
    public string Root { get; }

    /// <summary>The project's partials.</summary>
    public PartialCatalog Partials => _partials.Value;

    /// <summary>The project that holds <paramref name="path"/> (a file or a folder).</summary>
    public static PromptProject For(string path) => new(FindRoot(path));

    /// <summary>The project folder of <paramref name="path"/> (see the class summary).</summary>
    public static string FindRoot(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var full = Path.GetFullPath(path);
        var start = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full;
        for (var folder = start; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            try
            {
                if (Directory.EnumerateFiles(folder, "*.csproj").Any()) return folder;
                if (Directory.Exists(Path.Combine(folder, ".git")) || File.Exists(Path.Combine(folder, ".git"))) break;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                break;
            }
        }

        return start;
    }

    /// <summary>Compiles the prompt at <paramref name="path"/> (read from disk; diagnostics carry the path as given).</summary>
    public PromptSemantics CompilePrompt(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var key = Path.GetFullPath(path);
        if (_prompts.TryGetValue(key, out var compiled)) return compiled;
        var text = ProjectFiles.ReadText(key, out var decoding);
        var parsed = PromptCompiler.Parse(path, text);
        compiled = PromptCompiler.Analyze(parsed, Partials);
        if (decoding.Count > 0) compiled = compiled.WithDiagnostics(Relocate(decoding, path));
        _prompts[key] = compiled;
        return compiled;
    }

    /// <summary>Every diagnostic of one file: a prompt, a partial (<c>_name.prompt</c>) or an eval file.</summary>
    public IReadOnlyList<PromptDiagnostic> Check(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (EvalPromptLink.IsEvalFile(path)) return CheckEval(path);
        if (PartialFile.NameOf(path) is { } name)
        {
            var text = ProjectFiles.ReadText(Path.GetFullPath(path), out var decoding);
            var partial = PromptCompiler.ParsePartial(new PartialFile(name, path, text));
            return Prompts.DiagnosticOrdering.Normalize(Relocate(decoding, path).Concat(PromptCompiler.CheckPartial(partial, Partials)));
        }

        return CompilePrompt(path).Diagnostics;
    }

    /// <summary>An eval file's diagnostics against the prompt it names (PG0501 when that prompt does not exist).</summary>
    public IReadOnlyList<PromptDiagnostic> CheckEval(string path)
    {
        var (file, prompt, decoding) = LoadEval(path);
        var siblings = prompt is null ? Siblings(Path.GetDirectoryName(Path.GetFullPath(path))!) : null;
        var found = PromptCompiler.CheckEval(file, prompt is null ? null : EvalContextOf(prompt), siblings);
        return Prompts.DiagnosticOrdering.Normalize(Relocate(decoding, path).Concat(found));
    }

    /// <summary>
    /// What an eval file is checked against: the prompt's <see cref="PromptContext"/> with its variants, the prompt files
    /// beside it that the variant rule names (as the build sees the same files).
    /// </summary>
    public static PromptContext EvalContextOf(PromptSemantics prompt)
    {
        if (prompt is null) throw new ArgumentNullException(nameof(prompt));
        var folder = Path.GetDirectoryName(prompt.Path) ?? string.Empty;
        var siblings = Siblings(Path.GetDirectoryName(Path.GetFullPath(prompt.Path))!).Select(name => folder.Length == 0 ? name : Path.Combine(folder, name));
        return PromptContext.From(prompt).WithVariants(siblings);
    }

    /// <summary>Reads an eval file and compiles the prompt it tests (null when that prompt does not exist).</summary>
    public (EvalFile File, PromptSemantics? Prompt, IReadOnlyList<PromptDiagnostic> Decoding) LoadEval(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var text = ProjectFiles.ReadText(Path.GetFullPath(path), out var decoding);
        var file = EvalFileParser.Parse(path, text);
        var promptPath = file.PromptPath;
        var prompt = File.Exists(promptPath) ? CompilePrompt(promptPath) : null;
        return (file, prompt, decoding);
    }

    private static IReadOnlyList<PromptDiagnostic> Relocate(IReadOnlyList<PromptDiagnostic> diagnostics, string path) =>
        diagnostics.Select(d => new PromptDiagnostic(d.Descriptor, path, d.Span, d.Message)).ToList();

    private static IEnumerable<string> Siblings(string folder)
    {
        try
        {
            return Directory.GetFiles(folder, "*" + PartialFile.Extension).Select(Path.GetFileName).OfType<string>().ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }
}
