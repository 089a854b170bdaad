namespace PromptGen.Language.Rendering;

/// <summary>
/// A Handlebars data frame (the <c>@</c> variables). Like Handlebars' <c>createFrame</c>, a child sees its parent's
/// variables and can shadow them; <c>@../x</c> and <c>@_parent</c> reach the parent.
/// </summary>
internal sealed class DataFrame
{
    // Variables in the order they were first set. A frame holds a handful (#each sets four), so a linear search of
    // two small arrays is cheaper than a dictionary per frame.
    private string[] _names;
    private object?[] _values;
    private int _count;

    // Beyond a handful of variables (context data can bring many), an index keeps look-ups constant.
    private Dictionary<string, int>? _index;
    private const int LinearSearchLimit = 16;

    public DataFrame(DataFrame? parent)
        : this(parent, 4)
    {
    }

    public DataFrame(DataFrame? parent, int capacity)
    {
        Parent = parent;
        _names = new string[capacity < 1 ? 1 : capacity];
        _values = new object?[_names.Length];
    }

    public DataFrame? Parent { get; }

    /// <summary>Keys set on this frame and inherited ones, in the order JavaScript would enumerate them (roughly).</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            var seen = new HashSet<string>(System.StringComparer.Ordinal);
            var chain = new List<DataFrame>();
            for (var frame = this; frame is not null; frame = frame.Parent) chain.Add(frame);
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                var frame = chain[i];
                for (var k = 0; k < frame._count; k++)
                {
                    if (seen.Add(frame._names[k])) yield return frame._names[k];
                }
            }
        }
    }

    public void Set(string name, object? value)
    {
        var at = IndexOf(name);
        if (at >= 0)
        {
            _values[at] = value;
            return;
        }

        if (_count == _names.Length)
        {
            System.Array.Resize(ref _names, _count * 2);
            System.Array.Resize(ref _values, _count * 2);
        }

        _names[_count] = name;
        _values[_count] = value;
        if (_index is not null)
        {
            _index[name] = _count;
        }
        else if (_count + 1 > LinearSearchLimit)
        {
            _index = new Dictionary<string, int>(System.StringComparer.Ordinal);
            for (var i = 0; i <= _count; i++) _index[_names[i]] = i;
        }

        _count++;
    }

    private int IndexOf(string name)
    {
        if (_index is not null) return _index.TryGetValue(name, out var at) ? at : -1;
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_names[i], name, System.StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    public bool Has(string name)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (frame.IndexOf(name) >= 0) return true;
        }

        return false;
    }

    public object? Get(string name)
    {
        if (name == "_parent") return Parent;
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            var at = frame.IndexOf(name);
            if (at >= 0) return frame._values[at];
        }

        return null;
    }
}
