using PromptGen.Language.Metadata;
using PromptGen.Language.Values;

namespace PromptGen.Conformance.Tests;

/// <summary>Serves a suite's <c>tools</c> (name → definition), as the reference runner's <c>tools</c> option does.</summary>
public sealed class DictionaryToolResolver : IToolResolver
{
    private readonly PromptValue? _tools;

    public DictionaryToolResolver(PromptValue? tools) => _tools = tools;

    public PromptValue? Resolve(string name) => _tools?[name] is { Kind: not PromptValueKind.Null } tool ? tool : null;
}
