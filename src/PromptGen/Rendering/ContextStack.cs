namespace PromptGen.Rendering;

/// <summary>The contexts <c>../</c> walks; a new level only when a block changes the context, as in Handlebars.</summary>
internal sealed class ContextStack
{
    public ContextStack(object? head, ContextStack? tail)
    {
        Head = head;
        Tail = tail;
    }

    public object? Head { get; }

    public ContextStack? Tail { get; }
}
