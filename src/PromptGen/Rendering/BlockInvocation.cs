using System.ComponentModel;

namespace PromptGen.Rendering;

/// <summary>One run of a block's body: its context, <c>@</c> data frame and block parameters. Called by generated code only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BlockInvocation
{
    internal BlockInvocation(object? context, object? data, object? param0, object? param1)
    {
        Context = context;
        Data = data;
        Param0 = param0;
        Param1 = param1;
    }

    public object? Context { get; }

    /// <summary>The data frame for the body, or null to keep the enclosing one.</summary>
    public object? Data { get; }

    public object? Param0 { get; }

    public object? Param1 { get; }
}
