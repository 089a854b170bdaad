using PromptGen.Language.Values;

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

    // An #each run's frame holds its four variables in fields, sharing one name array, until something sets a
    // variable on it: a run then costs one object instead of a frame with two arrays.
    private static readonly string[] s_loopNames = { "key", "index", "first", "last" };
    private object? _loopKey;
    private object? _loopIndex;
    private object? _loopFirst;
    private object? _loopLast;

    /// <summary>The frame of one <c>#each</c> run: <c>@key</c>, <c>@index</c>, <c>@first</c> and <c>@last</c>, in that order.</summary>
    public DataFrame(DataFrame? parent, object? key, object? index, object? first, object? last)
    {
        Parent = parent;
        _names = s_loopNames;
        _values = System.Array.Empty<object?>();
        _count = s_loopNames.Length;
        _loopKey = key;
        _loopIndex = index;
        _loopFirst = first;
        _loopLast = last;
    }

    /// <summary>The frame of one <c>#each</c> run over the item at <paramref name="index"/> named <paramref name="key"/>.</summary>
    public static DataFrame ForEachRun(DataFrame? parent, PromptValue key, int index, bool last) =>
        new(parent, key, LoopIndex(key, index), PromptValue.Boolean(index == 0), PromptValue.Boolean(last));

    /// <summary>The <c>@index</c> of an <c>#each</c> run: for a list the key and the index are the same number, one value serves both.</summary>
    public static PromptValue LoopIndex(PromptValue key, int index) => key.Kind == PromptValueKind.Number ? key : PromptValue.Number(index);

    private bool HoldsLoopFields => ReferenceEquals(_names, s_loopNames);

    private object? ValueAt(int at)
    {
        if (!HoldsLoopFields) return _values[at];
        return at switch { 0 => _loopKey, 1 => _loopIndex, 2 => _loopFirst, _ => _loopLast };
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
        if (HoldsLoopFields)
        {
            _names = new string[s_loopNames.Length * 2];
            System.Array.Copy(s_loopNames, _names, s_loopNames.Length);
            _values = new object?[_names.Length];
            _values[0] = _loopKey;
            _values[1] = _loopIndex;
            _values[2] = _loopFirst;
            _values[3] = _loopLast;
        }

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
            if (at >= 0) return frame.ValueAt(at);
        }

        return null;
    }
}
