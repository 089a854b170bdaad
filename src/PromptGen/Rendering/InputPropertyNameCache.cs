using System.Runtime.InteropServices;
using System.Text.Json;

namespace PromptGen.Rendering;

/// <summary>
/// The property names of JSON input turned into template values, kept per thread: inputs rendered again and again
/// have the same shape, so a name seen before is found by its UTF-8 bytes instead of being decoded into a new string.
/// </summary>
internal sealed class InputPropertyNameCache
{
    private const int Slots = 128;
    private const int MaxCachedLength = 64;

    // How many leading positions of an object remember the slot of the name read there last.
    private const int Positions = 16;

    [ThreadStatic]
    private static InputPropertyNameCache? s_current;

    private readonly byte[]?[] _utf8 = new byte[Slots][];
    private readonly string?[] _names = new string[Slots];
    private readonly int[] _slotAtPosition = CreatePositions();

    public static InputPropertyNameCache Current => s_current ??= new InputPropertyNameCache();

    /// <summary>
    /// The name of <paramref name="property"/>, the <paramref name="position"/>th of its object. The objects of one
    /// array usually have the same names in the same order, so the name read at this position last time is tried
    /// first: one comparison of bytes instead of hashing them.
    /// </summary>
    public string NameOf(JsonProperty property, int position)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        var remembered = (uint)position < Positions ? _slotAtPosition[position] : -1;

        // Whatever the slot holds now, its bytes and name belong together (only unescaped names are kept).
        if (remembered >= 0 && raw.SequenceEqual(_utf8[remembered])) return _names[remembered]!;

        // Escaped names are decoded by the reader (the raw bytes are not the name); long names are rare and not kept.
        if (raw.Length > MaxCachedLength || raw.IndexOf((byte)'\\') >= 0) return property.Name;
        var slot = (int)(Hash(raw) % Slots);
        if (_utf8[slot] is not { } cached || !raw.SequenceEqual(cached))
        {
            _utf8[slot] = raw.ToArray();
            _names[slot] = property.Name;
        }

        if ((uint)position < Positions) _slotAtPosition[position] = slot;
        return _names[slot]!;
    }

    private static int[] CreatePositions()
    {
        var positions = new int[Positions];
        for (var i = 0; i < positions.Length; i++) positions[i] = -1;
        return positions;
    }

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a: cheap, and good enough to spread a prompt's few dozen names over the slots.
        var hash = 2166136261u;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        return hash;
    }
}
