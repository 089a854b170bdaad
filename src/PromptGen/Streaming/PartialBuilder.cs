namespace PromptGen.Streaming;

/// <summary>Turns the chunks of one streamed answer into partial values; one instance per stream.</summary>
/// <typeparam name="TPartial">The partial value type.</typeparam>
internal abstract class PartialBuilder<TPartial>
{
    /// <summary>The partial value the last <see cref="Append"/> that returned true found.</summary>
    public TPartial Current { get; protected set; } = default!;

    /// <summary>Reads a chunk; true when the partial value changed (the new value is <see cref="Current"/>).</summary>
    public abstract bool Append(string chunk);
}

/// <summary>A text answer: the partial value is the text so far.</summary>
internal sealed class TextPartialBuilder : PartialBuilder<string>
{
    private readonly StringBuilder _text = new();

    public override bool Append(string chunk)
    {
        if (chunk.Length == 0)
        {
            return false;
        }

        _text.Append(chunk);
        Current = _text.ToString();
        return true;
    }
}

/// <summary>A JSON answer: an incremental reader, and the generated projection of its values onto the partial type.</summary>
internal sealed class JsonPartialBuilder<TPartial> : PartialBuilder<TPartial>
    where TPartial : class
{
    private readonly StreamingJsonReader _reader = new();
    private readonly Func<StreamingNode, TPartial?> _project;
    private long _version;

    /// <param name="project">Projects the streamed root value onto the partial type.</param>
    public JsonPartialBuilder(Func<StreamingNode, TPartial?> project) => _project = project;

    public override bool Append(string chunk)
    {
        _reader.Append(chunk);
        if (_reader.Version == _version || _reader.Root is null)
        {
            return false;
        }

        _version = _reader.Version;
        var next = _project(_reader.Root);
        if (next is null || ReferenceEquals(next, Current) || next.Equals(Current))
        {
            return false;
        }

        Current = next;
        return true;
    }
}

/// <summary>
/// A JSON answer whose partial value is a generated record: the <see cref="PartialRecordReader{T}"/> returns the previous
/// instance unless the value changed, so a new instance is a change and the records are never compared.
/// </summary>
internal sealed class RecordPartialBuilder<TPartial> : PartialBuilder<TPartial>
    where TPartial : PartialRecord, new()
{
    private readonly StreamingJsonReader _reader = new();
    private readonly PartialRecordReader<TPartial> _records;
    private long _version;

    public RecordPartialBuilder(PartialRecordReader<TPartial> records) => _records = records;

    public override bool Append(string chunk)
    {
        _reader.Append(chunk);
        if (_reader.Version == _version)
        {
            return false;
        }

        _version = _reader.Version;
        var next = _records.Read(_reader.Root);
        if (next is null || ReferenceEquals(next, Current))
        {
            return false;
        }

        Current = next;
        return true;
    }
}
