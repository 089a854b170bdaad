using System;
using System.Collections.Generic;
using PromptGen.Generator.Models;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Parsing;

/// <summary>Resolves <c>{{&gt; name}}</c> against the project's partial files, parsing each at most once.</summary>
internal sealed class ProjectPartials : IPartialResolver
{
    private readonly Dictionary<string, PartialSource> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartialTemplate> _parsed = new(StringComparer.Ordinal);

    public ProjectPartials(IEnumerable<PartialSource> partials)
    {
        foreach (var partial in partials)
        {
            if (!_sources.ContainsKey(partial.Name)) _sources[partial.Name] = partial;
        }
    }

    public PartialTemplate? Resolve(string name)
    {
        if (name is null) return null;
        if (_parsed.TryGetValue(name, out var parsed)) return parsed;
        if (!_sources.TryGetValue(name, out var source)) return null;
        parsed = Parse(source);
        _parsed[name] = parsed;
        return parsed;
    }

    /// <summary>A partial's whole file is its template (partials have no frontmatter), located in its own file.</summary>
    public static PartialTemplate Parse(PartialSource source)
    {
        var result = TemplateParser.Parse(new TemplateSource(source.Path, source.Text, 0, source.Text.Length));
        return new PartialTemplate(source.Name, result.Template, source.Path) { Diagnostics = result.Diagnostics };
    }
}
