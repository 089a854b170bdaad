using System.Collections;
using PromptGen.Language.Text;

namespace PromptGen.Language.Schemas;

/// <summary>
/// Where each location of a converted schema was written, by JSON pointer: two exact arrays sorted by pointer, searched
/// by halves. A parsed prompt keeps one map per schema for as long as the compiler server keeps the prompt, so this is
/// kept smaller than a dictionary (no buckets, no spare entries); it also hands out its own pointer strings, so the
/// schema nodes read from the same schema share them instead of keeping equal copies.
/// </summary>
internal sealed class PointerSpanMap : IReadOnlyDictionary<string, SourceSpan>
{
    public static readonly PointerSpanMap Empty = new(Array.Empty<string>(), Array.Empty<SourceSpan>());

    private readonly string[] _pointers;
    private readonly SourceSpan[] _spans;

    private PointerSpanMap(string[] pointers, SourceSpan[] spans)
    {
        _pointers = pointers;
        _spans = spans;
    }

    /// <summary>The map of <paramref name="spans"/> (whose keys are distinct by construction).</summary>
    public static PointerSpanMap From(Dictionary<string, SourceSpan> spans)
    {
        if (spans.Count == 0) return Empty;
        var pointers = new string[spans.Count];
        var values = new SourceSpan[spans.Count];
        spans.Keys.CopyTo(pointers, 0);
        spans.Values.CopyTo(values, 0);
        Array.Sort(pointers, values, StringComparer.Ordinal);
        return new PointerSpanMap(pointers, values);
    }

    public int Count => _pointers.Length;

    public IEnumerable<string> Keys => _pointers;

    public IEnumerable<SourceSpan> Values => _spans;

    public SourceSpan this[string key] => TryGetValue(key, out var span) ? span : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out SourceSpan value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _spans[index] : default;
        return index >= 0;
    }

    /// <summary>This map's own instance of <paramref name="pointer"/> when it has one, else <paramref name="pointer"/>.</summary>
    public string Share(string pointer)
    {
        var index = IndexOf(pointer);
        return index >= 0 ? _pointers[index] : pointer;
    }

    public IEnumerator<KeyValuePair<string, SourceSpan>> GetEnumerator()
    {
        for (var i = 0; i < _pointers.Length; i++) yield return new KeyValuePair<string, SourceSpan>(_pointers[i], _spans[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key) => key is null ? throw new ArgumentNullException(nameof(key)) : Array.BinarySearch(_pointers, key, StringComparer.Ordinal);
}
