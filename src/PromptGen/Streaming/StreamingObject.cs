namespace PromptGen.Streaming;

/// <summary>
/// An object whose properties arrive in order. A property is listed once its name has been read; its value is null
/// until the value starts (numbers and literals: until they are complete). Properties complete in order, so
/// completeness is one count.
/// </summary>
public sealed class StreamingObject : StreamingNode
{
    private readonly List<KeyValuePair<string, StreamingNode?>> _properties = new();

    internal StreamingObject()
        : base(StreamingNodeKind.Object)
    {
    }

    /// <summary>The properties read so far, in the order the model wrote them.</summary>
    public IReadOnlyList<KeyValuePair<string, StreamingNode?>> Properties => _properties;

    /// <summary>How many leading properties are complete: the model has written their whole value.</summary>
    public int CompletedCount { get; private set; }

    /// <summary>The value of the first property named <paramref name="name"/>; null when absent or not started.</summary>
    /// <param name="name">The wire name.</param>
    public StreamingNode? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _properties[index].Value;
    }

    /// <summary>The index of the first property named <paramref name="name"/>, else -1.</summary>
    /// <param name="name">The wire name.</param>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _properties.Count; i++)
        {
            if (string.Equals(_properties[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The last completeness snapshot of this object, reused while it still holds.</summary>
    internal PartialFields? Completion { get; set; }

    /// <summary>How many properties have been read (for generated readers: no interface call per update).</summary>
    internal int PropertyCount => _properties.Count;

    /// <summary>The name of the property at <paramref name="index"/>.</summary>
    internal string NameAt(int index) => _properties[index].Key;

    /// <summary>The value of the property at <paramref name="index"/>; null until it starts.</summary>
    internal StreamingNode? ValueAt(int index) => _properties[index].Value;

    internal void AddProperty(string name) => _properties.Add(new KeyValuePair<string, StreamingNode?>(name, null));

    internal bool HasPendingProperty => _properties.Count > 0 && _properties[_properties.Count - 1].Value is null && CompletedCount < _properties.Count;

    internal void SetLastValue(StreamingNode value)
    {
        var last = _properties.Count - 1;
        _properties[last] = new KeyValuePair<string, StreamingNode?>(_properties[last].Key, value);
    }

    internal void CompleteProperties() => CompletedCount = _properties.Count;
}
