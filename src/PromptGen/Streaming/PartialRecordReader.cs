using System.ComponentModel;
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

        if (o.Cached is not State state)
        {
            var source = PartialSource.Streamed(o, _fields.Count);
            state = new State(source, new T { Source = source });
            o.Cached = state;
        }
        else if (o.CachedVersion == o.Version)
        {
            return state.Record;
        }

        // Most updates only grow the value of the one property the model is writing: while no property has arrived or
        // completed since the last update, that value is the only one that can have changed, and is read directly.
        var record = state.Open is { } open && PartialFields.PositionOf(o) == state.Completion
            ? _readField(state.Record, state.OpenField, open)
            : ReadChanged(o, state);
        state.Record = record;
        o.CachedVersion = o.Version;
        return record;
    }

    /// <summary>Reads the properties that can still change, and the completeness, into the record of <paramref name="state"/>.</summary>
    private T ReadChanged(StreamingObject o, State state)
    {
        var count = o.PropertyCount;
        if (state.Resolved != count)
        {
            state.Resolve(o, count, _fields);
        }

        var record = state.Record;
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

    /// <summary>What one streamed object's record has read so far.</summary>
    private sealed class State
    {
        private bool[]? _seen;

        public State(PartialSource source, T empty)
        {
            Source = source;
            Record = empty;
        }

        /// <summary>The values the records of this object read through.</summary>
        public readonly PartialSource Source;

        public T Record;

        /// <summary>The position of the completeness last set on <see cref="Record"/>.</summary>
        public long Completion;

        /// <summary>The field ordinal of each property read so far; -1 for a name that is not a field or a repeated one.</summary>
        public int[] Fields = new int[4];

        /// <summary>
        /// The value of the one property after the complete ones, while it is a field with a started value; null when
        /// no property, or more than one, is open. Valid while the object's completeness position is <see cref="Completion"/>.
        /// </summary>
        public StreamingNode? Open;

        /// <summary>The field ordinal of <see cref="Open"/>.</summary>
        public int OpenField = -1;

        /// <summary>How many leading properties are complete and already in <see cref="Record"/>.</summary>
        public int Stable;

        /// <summary>How many leading properties have their field ordinal in <see cref="Fields"/>.</summary>
        public int Resolved;

        /// <summary>Matches the names of the properties that arrived since the last update, once each.</summary>
        public void Resolve(StreamingObject o, int count, JsonPropertyNames names)
        {
            if (Fields.Length < count)
            {
                Array.Resize(ref Fields, Math.Max(count, Fields.Length * 2));
            }

            for (; Resolved < count; Resolved++)
            {
                var field = names.IndexOf(o.NameAt(Resolved));
                if (field >= 0)
                {
                    // The first property of a name gives the field its value; a repeated name is ignored.
                    _seen ??= new bool[names.Count];
                    if (_seen[field])
                    {
                        field = -1;
                    }
                    else
                    {
                        _seen[field] = true;
                    }
                }

                Fields[Resolved] = field;
            }
        }
    }
}
