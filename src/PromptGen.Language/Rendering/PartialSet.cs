using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptGen.Language.Templates;

namespace PromptGen.Language.Rendering;

/// <summary>
/// Partials from source text, parsed on first use. As in the Dotprompt reference runtime (and Genkit's prompt
/// folders), a partial's whole source is its template: a partial file has no frontmatter of its own.
/// </summary>
public sealed class PartialSet : IPartialResolver
{
    private readonly Dictionary<string, (string Source, string Path)> _sources;
    private readonly Dictionary<string, PartialTemplate> _parsed = new(StringComparer.Ordinal);

    public PartialSet(IReadOnlyDictionary<string, string> sources)
    {
        if (sources is null) throw new ArgumentNullException(nameof(sources));
        _sources = sources.ToDictionary(p => p.Key, p => (p.Value ?? string.Empty, string.Empty), StringComparer.Ordinal);
    }

    private PartialSet(Dictionary<string, (string Source, string Path)> sources) => _sources = sources;

    /// <summary>Partial names, in ordinal order.</summary>
    public IReadOnlyList<string> Names => _sources.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Partials from the files named <c>_name.prompt</c> in <paramref name="directory"/> and its subfolders
    /// (referenced as <c>{{> name}}</c>). When two folders hold the same name, the first path in ordinal order wins.
    /// </summary>
    public static PartialSet FromDirectory(string directory)
    {
        if (directory is null) throw new ArgumentNullException(nameof(directory));
        var sources = new Dictionary<string, (string Source, string Path)>(StringComparer.Ordinal);
        if (!Directory.Exists(directory)) return new PartialSet(sources);
        var files = Directory.GetFiles(directory, "_*.prompt", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var fileName = System.IO.Path.GetFileName(file);
            var name = fileName.Substring(1, fileName.Length - 1 - ".prompt".Length);
            if (name.Length == 0 || sources.ContainsKey(name)) continue;
            sources[name] = (File.ReadAllText(file), file);
        }

        return new PartialSet(sources);
    }

    public PartialTemplate? Resolve(string name)
    {
        if (name is null) return null;
        if (_parsed.TryGetValue(name, out var parsed)) return parsed;
        if (!_sources.TryGetValue(name, out var source)) return null;
        var result = TemplateParser.Parse(new TemplateSource(source.Path, source.Source, 0, source.Source.Length));
        parsed = new PartialTemplate(name, result.Template, source.Path) { Diagnostics = result.Diagnostics };
        _parsed[name] = parsed;
        return parsed;
    }
}
