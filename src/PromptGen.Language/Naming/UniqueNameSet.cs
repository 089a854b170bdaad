using System.Globalization;

namespace PromptGen.Language.Naming;

/// <summary>Hands out names that are unique within one scope by appending 2, 3, ... to repeats.</summary>
public sealed class UniqueNameSet
{
    private readonly HashSet<string> _taken;

    public UniqueNameSet(IEnumerable<string>? reserved = null)
    {
        _taken = new HashSet<string>(StringComparer.Ordinal);
        if (reserved is null) return;
        foreach (var name in reserved) _taken.Add(name);
    }

    /// <summary>A scope that starts with <paramref name="reserved"/> (copied, not changed) and <paramref name="alsoReserved"/> taken.</summary>
    /// <remarks>
    /// Scopes are made for every generated record; copying an ordinal set whole costs one allocation of the right
    /// size where adding its names one by one grows the new set several times.
    /// </remarks>
    public UniqueNameSet(HashSet<string> reserved, string? alsoReserved = null)
    {
        _taken = new HashSet<string>(reserved, StringComparer.Ordinal);
        if (alsoReserved is not null) _taken.Add(alsoReserved);
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
