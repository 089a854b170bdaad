using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Rendering;

namespace PromptGen.Language.Prompts;

/// <summary>Resolves a partial from the first resolver that knows it (for example: nearest folder first).</summary>
public sealed class PartialResolverChain : IPartialResolver
{
    private readonly IReadOnlyList<IPartialResolver> _resolvers;

    public PartialResolverChain(IEnumerable<IPartialResolver> resolvers)
    {
        if (resolvers is null) throw new ArgumentNullException(nameof(resolvers));
        _resolvers = resolvers.ToList();
    }

    public PartialTemplate? Resolve(string name)
    {
        foreach (var resolver in _resolvers)
        {
            var partial = resolver.Resolve(name);
            if (partial is not null) return partial;
        }

        return null;
    }
}
