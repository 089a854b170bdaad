using System;
using System.Collections.Generic;
using System.IO;
using PromptGen.Cli.Arguments;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;

namespace PromptGen.Cli.Files;

/// <summary>The partials of one folder: its files named <c>_name.prompt</c> (not those of its subfolders), parsed on first use.</summary>
internal sealed class FolderPartials : IPartialResolver
{
    private readonly string _folder;
    private readonly Dictionary<string, PartialTemplate?> _cache = new(StringComparer.Ordinal);

    public FolderPartials(string folder) => _folder = folder;

    public PartialTemplate? Resolve(string name)
    {
        if (_cache.TryGetValue(name, out var cached)) return cached;
        PartialTemplate? partial = null;
        var path = Path.Combine(_folder, "_" + name + ".prompt");
        if (IsPlainName(name) && File.Exists(path))
        {
            var text = InputFile.ReadText(path);
            var parsed = TemplateParser.Parse(new TemplateSource(path, text, 0, text.Length));
            partial = new PartialTemplate(name, parsed.Template, path) { Diagnostics = parsed.Diagnostics };
        }

        _cache[name] = partial;
        return partial;
    }

    /// <summary>A partial name never reaches outside the folder (<c>{{> ../x}}</c> is not a file path).</summary>
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name.IndexOfAny(new[] { '/', '\\', ':' }) < 0 && name != "." && name != "..";
}
