using PromptGen.Language.Semantics;

namespace PromptGen.Language.Binding;

/// <summary>
/// The static scope of one program (the template body or a block's body) as the binder saw it: the context a bare
/// name is looked up on, the contexts <c>../</c> reaches and the block parameters in sight. Editors read it to offer the
/// names that are valid at a position.
/// </summary>
public sealed class TemplateScope
{
    internal TemplateScope(SchemaNode context, TemplateScope? parent, IReadOnlyList<TemplateBlockParameter> blockParameters)
    {
        Context = context;
        Parent = parent;
        BlockParameters = blockParameters;
    }

    /// <summary>The current context (<c>this</c>).</summary>
    public SchemaNode Context { get; }

    /// <summary>The scope one <c>../</c> up, or null above the root (or a partial's context).</summary>
    public TemplateScope? Parent { get; }

    /// <summary>Block parameters in sight, innermost first.</summary>
    public IReadOnlyList<TemplateBlockParameter> BlockParameters { get; }
}

/// <summary>A block parameter (<c>as |item index|</c>) and its static type.</summary>
public sealed record TemplateBlockParameter(string Name, SchemaNode Type);
