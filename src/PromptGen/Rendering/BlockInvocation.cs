using System.ComponentModel;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>One run of a block's body: its context, <c>@</c> data frame and block parameters. Called by generated code only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BlockInvocation
{
    // An #each run keeps what its frame is made of; the frame is made only when the body reads it (generated code
    // reads @index, @key, @first and @last of its own run from the run, and drops the read of an unused frame).
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

    /// <summary><c>@index</c> of an <c>#each</c> run, as its data frame holds it (read without making the frame).</summary>
    public object? Index => _key is null ? null : DataFrame.LoopIndex(_key, _index);

    /// <summary><c>@key</c> of an <c>#each</c> run.</summary>
    public object? Key => _key;

    /// <summary><c>@first</c> of an <c>#each</c> run.</summary>
    public object? First => _key is null ? null : PromptValue.Boolean(_index == 0);

    /// <summary><c>@last</c> of an <c>#each</c> run.</summary>
    public object? Last => _key is null ? null : PromptValue.Boolean(_last);

    /// <summary>Whether <c>@first</c> is true: an <c>#each</c> run's first (<c>#if @first</c> without a template value).</summary>
    public bool IsFirst => _key is not null && _index == 0;

    /// <summary>Whether <c>@last</c> is true: an <c>#each</c> run's last.</summary>
    public bool IsLast => _key is not null && _last;

    /// <summary>The first block parameter: the item of an <c>#each</c> run.</summary>
    public object? Param0 => _key is null ? null : Context;

    /// <summary>The second block parameter: the key or index of an <c>#each</c> run.</summary>
    public object? Param1 => _key;
}
