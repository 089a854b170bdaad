using System.Globalization;

namespace PromptGen.Language.Naming;

/// <summary>Hands out names that are unique within one scope by appending 2, 3, ... to repeats.</summary>
public sealed class UniqueNameSet
{
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

    public UniqueNameSet(IEnumerable<string>? reserved = null)
    {
        if (reserved is null) return;
        foreach (var name in reserved) _taken.Add(name);
    }

    public bool Contains(string name) => _taken.Contains(name);

    /// <summary>Returns <paramref name="name"/>, or the first free <c>name2</c>, <c>name3</c>, ...</summary>
    public string Claim(string name)
    {
        if (_taken.Add(name)) return name;
        for (var i = 2; ; i++)
        {
            var candidate = name + i.ToString(CultureInfo.InvariantCulture);
            if (_taken.Add(candidate)) return candidate;
        }
    }
}
