using System.ComponentModel;

namespace PromptGen.Streaming;

/// <summary>
/// The base of generated partial records (<c>PartialOutput</c> and <c>Partial{Record}</c>): the completeness every one
/// has, and the <see cref="PartialSource"/> their fields are read through. A generated record adds its fields and the
/// positions and mask bits it keeps of them; <see cref="PartialRecordReader{T}"/> makes them from streamed JSON.
/// </summary>
public abstract record PartialRecord
{
    /// <summary>Which fields (by wire name) the model has started and finished; a complete field no longer changes.</summary>
    public PartialFields Completion
    {
        get => PartialSource.Fields(Source, CompletionAt);
        init => Source = PartialSource.Give(Source, -1, value, Completion);
    }

    /// <summary>
    /// Where the fields are read: the streamed object's values (at the positions and with the bits the generated record
    /// keeps) and values given in code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected internal PartialSource? Source { get; init; }

    /// <summary>The position of <see cref="Completion"/> in the streamed object (see <see cref="PartialFields.PositionOf"/>).</summary>
    private long CompletionAt { get; init; }

    /// <summary>A copy of this record with the completeness at <paramref name="position"/>.</summary>
    internal PartialRecord WithCompletion(long position) => this with { CompletionAt = position };
}
