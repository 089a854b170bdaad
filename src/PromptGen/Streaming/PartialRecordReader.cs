using System.ComponentModel;
using System.Runtime.CompilerServices;
using PromptGen.Serialization;

namespace PromptGen.Streaming;

/// <summary>
/// Reads a generated partial record from a streamed object, for generated <c>PartialOutput</c> readers. The fields are
/// matched by wire name once, when a property's name arrives; after that a property is a field ordinal. Each update
/// re-reads only the properties that can still change (the model writes them in order, so only those after the last
/// complete one) and builds a new record only when a field's position or value changed: otherwise the previous record is
/// returned as it is, so an unchanged record is the same instance and a changed one is a new instance. The records of
/// one object share its <see cref="PartialSource"/>.
/// </summary>
/// <typeparam name="T">The generated partial record.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PartialRecordReader<T> : PartialReader<T>
    where T : PartialRecord, new()
{
    private readonly JsonPropertyNames _fields;
    private readonly Func<T, int, StreamingNode?, T> _readField;

    /// <summary>Creates the reader of one partial record type; generated code keeps one per type.</summary>
    /// <param name="fields">
    /// The JSON names of the record's fields: the table its strict reader uses (a field's ordinal is its index there).
    /// </param>
    /// <param name="readField">
    /// Reads the position or value of the field with the given ordinal into the record: returns the record itself when it
    /// equals the field's current one, else a copy with the field set.
    /// </param>
    public PartialRecordReader(JsonPropertyNames fields, Func<T, int, StreamingNode?, T> readField)
    {
        _fields = fields ?? throw new ArgumentNullException(nameof(fields));
        _readField = readField ?? throw new ArgumentNullException(nameof(readField));
    }

    internal override PartialBuilder<T> CreateBuilder() => new RecordPartialBuilder<T>(this);

    /// <summary>The partial record of <paramref name="node"/> now; null when it is absent or not an object.</summary>
    /// <param name="node">A streamed value.</param>
    public T? Read(StreamingNode? node)
    {
        if (node is not StreamingObject o)
        {
            return null;
        }

        // The state's type is not generic, so testing for it is a comparison with a constant; the reader it belongs to
        // tells that its record is a T (another record type's reader of the same object makes its own).
        if (o.Cached is not PartialRecordState state || !ReferenceEquals(state.Reader, this))
        {
            var source = PartialSource.Streamed(o, _fields.Count);
            state = new PartialRecordState(this, source, new T { Source = source });
            o.Cached = state;
        }
        else if (o.CachedVersion == o.Version)
        {
            return Unsafe.As<T>(state.Record);
        }

        // Most updates only grow the value of the one property the model is writing: while no property has arrived or
        // completed since the last update, that value is the only one that can have changed, and is read directly.
        var record = state.Open is { } open && PartialFields.PositionOf(o) == state.Completion
            ? _readField(Unsafe.As<T>(state.Record), state.OpenField, open)
            : ReadChanged(o, state);
        state.Record = record;
        o.CachedVersion = o.Version;
        return record;
    }

    /// <summary>Reads the properties that can still change, and the completeness, into the record of <paramref name="state"/>.</summary>
    private T ReadChanged(StreamingObject o, PartialRecordState state)
    {
        var count = o.PropertyCount;
        if (state.Resolved != count)
        {
            state.Resolve(o, count, _fields);
        }

        var record = Unsafe.As<T>(state.Record);
        var fields = state.Fields;
        // Properties before the first incomplete one were read when they completed and can no longer change.
        for (var i = state.Stable; i < count; i++)
        {
            var field = fields[i];
            if (field >= 0)
            {
                var value = o.ValueAt(i);
                if (value is not null)
                {
                    state.Source.SetField(field, value);
                }

                record = _readField(record, field, value);
            }
        }

        var completed = o.CompletedCount;
        state.Stable = completed;
        var completion = PartialFields.PositionOf(o);
        if (completion != state.Completion)
        {
            state.Completion = completion;
            record = (T)record.WithCompletion(completion);
        }

        // The one property still open, when its value has started and is a field: what the next update reads alone.
        state.Open = count - completed == 1 && fields[completed] >= 0 ? o.ValueAt(completed) : null;
        state.OpenField = state.Open is null ? -1 : fields[completed];
        return record;
    }
}
