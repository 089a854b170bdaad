using System.Runtime.InteropServices;
using System.Text.Json;

namespace PromptGen.Rendering;

/// <summary>
/// The property names of JSON input turned into template values, kept per thread: inputs rendered again and again
/// have the same shape, so a name seen before is found by its UTF-8 bytes instead of being decoded into a new string.
/// </summary>
internal sealed class JsonPropertyNames
{
    private const int Slots = 128;
    private const int MaxCachedLength = 64;

    [ThreadStatic]
    private static JsonPropertyNames? s_current;

    private readonly byte[]?[] _utf8 = new byte[Slots][];
    private readonly string?[] _names = new string[Slots];

    public static JsonPropertyNames Current => s_current ??= new JsonPropertyNames();

    public string NameOf(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);

        // Escaped names are decoded by the reader (the raw bytes are not the name); long names are rare and not kept.
        if (raw.Length > MaxCachedLength || raw.IndexOf((byte)'\\') >= 0) return property.Name;
        var slot = (int)(Hash(raw) % Slots);
        if (_utf8[slot] is { } cached && raw.SequenceEqual(cached)) return _names[slot]!;
        var name = property.Name;
        _utf8[slot] = raw.ToArray();
        _names[slot] = name;
        return name;
    }

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a: cheap, and good enough to spread a prompt's few dozen names over the slots.
        var hash = 2166136261u;
        foreach (var b in bytes) hash = (hash ^ b) * 16777619u;
        return hash;
    }
}
