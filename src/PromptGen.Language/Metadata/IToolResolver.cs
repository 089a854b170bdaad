using PromptGen.Language.Values;

namespace PromptGen.Language.Metadata;

/// <summary>Looks up tool definitions by name, so <c>tools: [name]</c> can be resolved into <c>toolDefs</c> as the reference does.</summary>
public interface IToolResolver
{
    /// <summary>The tool definition registered under <paramref name="name"/>, or <c>null</c>.</summary>
    PromptValue? Resolve(string name);
}
