using System.Collections.Generic;

namespace PromptGen.Language.Rendering;

/// <summary>
/// A Handlebars data frame (the <c>@</c> variables). Like Handlebars' <c>createFrame</c>, a child sees its parent's
/// variables and can shadow them; <c>@../x</c> and <c>@_parent</c> reach the parent.
/// </summary>
internal sealed class DataFrame
{
    private readonly Dictionary<string, object?> _values;

    public DataFrame(DataFrame? parent)
    {
        Parent = parent;
        _values = new Dictionary<string, object?>(System.StringComparer.Ordinal);
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
                foreach (var key in chain[i]._values.Keys)
                {
                    if (seen.Add(key)) yield return key;
                }
            }
        }
    }

    public void Set(string name, object? value) => _values[name] = value;

    public bool Has(string name)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (frame._values.ContainsKey(name)) return true;
        }

        return false;
    }

    public object? Get(string name)
    {
        if (name == "_parent") return Parent;
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (frame._values.TryGetValue(name, out var value)) return value;
        }

        return null;
    }
}
