using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// The JSON path (<c>$.items[2].price</c>) of the value that starts at a byte offset of a JSON text. Only failure
/// messages need it, so the readers record the offset and the path is found afterwards, by reading the text again up
/// to that offset, instead of every reader keeping a path as it goes.
/// </summary>
internal static class JsonValuePath
{
    // Names longer than this are cut in the path: it is for a person to find the value, not to be read back.
    private const int MaxNameLength = 64;

    /// <summary>
    /// The path of the value whose token starts at <paramref name="offset"/> (for <c>}</c> or <c>]</c>, of the object
    /// or array it closes), in the notation System.Text.Json uses in its own exceptions; null when no token starts
    /// there or the text is not valid JSON up to there.
    /// </summary>
    /// <param name="utf8Json">The JSON text the offset is in.</param>
    /// <param name="offset">The byte offset of the token (<see cref="Utf8JsonReader.TokenStartIndex"/>).</param>
    public static string? Of(ReadOnlySpan<byte> utf8Json, long offset)
    {
        if (offset < 0 || offset >= utf8Json.Length) return null;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = JsonText.MaxDepth });

        // One frame an open object or array: the current property name, or the current element's index.
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    if (reader.TokenStartIndex > offset) return null;
                    frames.RemoveAt(frames.Count - 1);

                    // A closing bracket stands for the object or array it closes (a required property missing from it).
                    if (reader.TokenStartIndex == offset) return Format(frames);
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    frames[frames.Count - 1] = Frame.Property(NameOf(ref reader));
                }
                else if (frames.Count > 0 && frames[frames.Count - 1].IsArray)
                {
                    frames[frames.Count - 1] = Frame.Element(frames[frames.Count - 1].Index + 1);
                }

                if (reader.TokenStartIndex == offset) return Format(frames);
                if (reader.TokenStartIndex > offset) return null;
                if (token == JsonTokenType.StartObject) frames.Add(Frame.Property(null));
                else if (token == JsonTokenType.StartArray) frames.Add(Frame.Element(-1));
            }
        }
        catch (JsonException)
        {
            // The text breaks before the offset: the failure then has no value to point at.
        }

        return null;
    }

    private static string NameOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped half of a surrogate pair cannot be decoded; the raw text still tells the name apart.
            return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
        }
    }

    private static string Format(List<Frame> frames)
    {
        var path = new StringBuilder("$");
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                continue;
            }

            var name = frame.Name ?? "";
            var plain = IsPlainName(name);
            if (name.Length > MaxNameLength) name = name.Substring(0, MaxNameLength) + "…";
            if (plain) path.Append('.').Append(name);
            else path.Append("['").Append(name.Replace("\\", "\\\\").Replace("'", "\\'")).Append("']");
        }

        return path.ToString();
    }

    /// <summary>Whether a name reads unambiguously after a dot: letters, digits, <c>_</c> and <c>-</c>, not starting with a digit.</summary>
    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0])) return false;
        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-')) return false;
        }

        return true;
    }

    private readonly struct Frame
    {
        private Frame(string? name, int index, bool isArray)
        {
            Name = name;
            Index = index;
            IsArray = isArray;
        }

        public string? Name { get; }

        public int Index { get; }

        public bool IsArray { get; }

        public static Frame Property(string? name) => new(name, 0, false);

        public static Frame Element(int index) => new(null, index, true);
    }
}
