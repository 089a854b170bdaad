using System.ComponentModel;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>One run of a block's body: its context, <c>@</c> data frame and block parameters. Called by generated code only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BlockInvocation
{
    // An #each run keeps what its frame is made of; the frame is made only when the body reads it (generated code
    // drops the read when the body uses no @-data, no partial and no nested block that would).
    private readonly DataFrame? _parent;
    private readonly PromptValue? _key;
    private readonly int _index;
    private readonly bool _last;

    /// <summary>A run that keeps the enclosing data frame and has no block parameters.</summary>
    internal BlockInvocation(object? context)
    {
        Context = context;
        _parent = null;
        _key = null;
        _index = 0;
        _last = false;
    }

    /// <summary>A run of <c>#each</c> over <paramref name="context"/>, the item at <paramref name="index"/> named <paramref name="key"/>.</summary>
    internal BlockInvocation(object? context, DataFrame parent, PromptValue key, int index, bool last)
    {
        Context = context;
        _parent = parent;
        _key = key;
        _index = index;
        _last = last;
    }

    public object? Context { get; }

    /// <summary>The data frame for the body, or null to keep the enclosing one.</summary>
    public object? Data => _key is null ? null : DataFrame.ForEachRun(_parent, _key, _index, _last);

    /// <summary>The first block parameter: the item of an <c>#each</c> run.</summary>
    public object? Param0 => _key is null ? null : Context;

    /// <summary>The second block parameter: the key or index of an <c>#each</c> run.</summary>
    public object? Param1 => _key;
}
