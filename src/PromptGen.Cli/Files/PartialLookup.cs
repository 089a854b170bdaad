using System;
using System.Collections.Generic;
using System.IO;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;

namespace PromptGen.Cli.Files;

/// <summary>
/// Where <c>check</c> finds partials: <c>{{> name}}</c> in a file resolves to <c>_name.prompt</c> in the
/// file's own folder, else in its parent folder, and so on up to the folder named on the command line
/// (for a file named directly: its own folder only). The nearest definition wins.
/// </summary>
internal sealed class PartialLookup
{
    private readonly Dictionary<string, FolderPartials> _byFolder = new(StringComparer.Ordinal);

    public IPartialResolver For(PromptFile file)
    {
        var chain = new List<IPartialResolver>();
        var folder = Path.GetDirectoryName(file.FullPath);
        while (folder is not null)
        {
            chain.Add(Folder(folder));
            if (string.Equals(folder, file.SearchRoot.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar), StringComparison.Ordinal)) break;
            folder = Path.GetDirectoryName(folder);
        }

        return new PartialResolverChain(chain);
    }

    private FolderPartials Folder(string folder)
    {
        if (!_byFolder.TryGetValue(folder, out var set))
        {
            set = new FolderPartials(folder);
            _byFolder[folder] = set;
        }

        return set;
    }
}
