using PromptGen.Serialization;

namespace PromptGen.Streaming;

/// <summary>What a <see cref="PartialRecordReader{T}"/> has read so far of one streamed object, kept in the object.</summary>
internal sealed class PartialRecordState
{
    private bool[]? _seen;

    public PartialRecordState(object reader, PartialSource source, PartialRecord empty)
    {
        Reader = reader;
        Source = source;
        Record = empty;
    }

    /// <summary>The reader whose records these are: <see cref="Record"/> is of its record type.</summary>
    public readonly object Reader;

    /// <summary>The values the records of this object read through.</summary>
    public readonly PartialSource Source;

    /// <summary>The record of the last update.</summary>
    public PartialRecord Record;

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
