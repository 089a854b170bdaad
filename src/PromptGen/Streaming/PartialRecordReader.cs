using System.ComponentModel;

namespace PromptGen.Streaming;

/// <summary>
/// Reads a generated partial record from a streamed object, for generated <c>PartialOutput</c> readers. The fields are
/// matched by wire name once, when a property's name arrives; after that a property is a field ordinal. Each update
/// re-reads only the properties that can still change (the model writes them in order, so only those after the last
/// complete one) and builds a new record only when a field's value changed: otherwise the previous record is returned
/// as it is, so an unchanged record is the same instance and a changed one is a new instance.
/// </summary>
/// <typeparam name="T">The generated partial record.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PartialRecordReader<T>
    where T : class
{
    private readonly string[] _wireNames;
    private readonly T _empty;
    private readonly Func<T, int, StreamingNode?, T> _readField;
    private readonly Func<T, PartialFields, T> _withCompletion;

    /// <summary>Creates the reader of one partial record type; generated code keeps one per type.</summary>
    /// <param name="wireNames">The fields' JSON names; a field's ordinal is its index here.</param>
    /// <param name="empty">The record with no field set.</param>
    /// <param name="readField">
    /// Reads the value of the field with the given ordinal into the record: returns the record itself when the value
    /// equals the field's current value, else a copy with the field set.
    /// </param>
    /// <param name="withCompletion">Returns the record itself when its completeness equals the given one, else a copy with it set.</param>
    public PartialRecordReader(string[] wireNames, T empty, Func<T, int, StreamingNode?, T> readField, Func<T, PartialFields, T> withCompletion)
    {
        _wireNames = wireNames ?? throw new ArgumentNullException(nameof(wireNames));
        _empty = empty ?? throw new ArgumentNullException(nameof(empty));
        _readField = readField ?? throw new ArgumentNullException(nameof(readField));
        _withCompletion = withCompletion ?? throw new ArgumentNullException(nameof(withCompletion));
    }

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
            state = new State(_empty);
            o.Cached = state;
        }
        else if (o.CachedVersion == o.Version)
        {
            return state.Record;
        }

        var count = o.PropertyCount;
        state.Resolve(o, count, _wireNames);
        var record = state.Record;
        var fields = state.Fields;
        // Properties before the first incomplete one were read when they completed and can no longer change.
        for (var i = state.Stable; i < count; i++)
        {
            var field = fields[i];
            if (field >= 0)
            {
                record = _readField(record, field, o.ValueAt(i));
            }
        }

        var completed = o.CompletedCount;
        state.Stable = completed;
        // Most updates only grow a value: the completeness set last still holds, and nothing is to be set.
        var last = state.Completion;
        if (last is null || last.StartedCount != count || last.CompletedCount != completed || last.IsClosed != o.IsComplete)
        {
            // The snapshot is shared by the object's readers, so the same instance means nothing to set.
            var completion = PartialFields.Of(o);
            if (!ReferenceEquals(completion, last))
            {
                state.Completion = completion;
                record = _withCompletion(record, completion);
            }
        }

        state.Record = record;
        o.CachedVersion = o.Version;
        return record;
    }

    /// <summary>What one streamed object's record has read so far.</summary>
    private sealed class State
    {
        private bool[]? _seen;
        private int _resolved;

        public State(T empty) => Record = empty;

        public T Record;

        /// <summary>The completeness last set on <see cref="Record"/>.</summary>
        public PartialFields? Completion;

        /// <summary>The field ordinal of each property read so far; -1 for a name that is not a field or a repeated one.</summary>
        public int[] Fields = new int[4];

        /// <summary>How many leading properties are complete and already in <see cref="Record"/>.</summary>
        public int Stable;

        /// <summary>Matches the names of the properties that arrived since the last update, once each.</summary>
        public void Resolve(StreamingObject o, int count, string[] wireNames)
        {
            if (_resolved == count)
            {
                return;
            }

            if (Fields.Length < count)
            {
                Array.Resize(ref Fields, Math.Max(count, Fields.Length * 2));
            }

            for (; _resolved < count; _resolved++)
            {
                var field = Array.IndexOf(wireNames, o.NameAt(_resolved));
                if (field >= 0)
                {
                    // The first property of a name gives the field its value; a repeated name is ignored.
                    _seen ??= new bool[wireNames.Length];
                    if (_seen[field])
                    {
                        field = -1;
                    }
                    else
                    {
                        _seen[field] = true;
                    }
                }

                Fields[_resolved] = field;
            }
        }
    }
}
