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
    /// <summary>
    /// The path of the value whose token starts at <paramref name="offset"/> (for <c>}</c> or <c>]</c>, of the object
    /// or array it closes), in the notation of <see cref="JsonPathText"/>; null when no token starts there or the text
    /// is not valid JSON up to there.
    /// </summary>
    /// <param name="utf8Json">The JSON text the offset is in.</param>
    /// <param name="offset">The byte offset of the token (<see cref="Utf8JsonReader.TokenStartIndex"/>).</param>
    public static string? Of(ReadOnlySpan<byte> utf8Json, long offset)
    {
        if (offset < 0 || offset >= utf8Json.Length) return null;
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = JsonText.MaxDepth });

        // One segment an open object or array: the current property name (empty before the first), or the current
        // element's index (with a null name).
        var path = new List<PathSegment>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    if (reader.TokenStartIndex > offset) return null;
                    path.RemoveAt(path.Count - 1);

                    // A closing bracket stands for the object or array it closes (a required property missing from it).
                    if (reader.TokenStartIndex == offset) return JsonPathText.Render(path, path.Count);
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    path[path.Count - 1] = new PathSegment(NameOf(ref reader), 0);
                }
                else if (path.Count > 0 && path[path.Count - 1].Name is null)
                {
                    path[path.Count - 1] = new PathSegment(null, path[path.Count - 1].Index + 1);
                }

                if (reader.TokenStartIndex == offset) return JsonPathText.Render(path, path.Count);
                if (reader.TokenStartIndex > offset) return null;
                if (token == JsonTokenType.StartObject) path.Add(new PathSegment(string.Empty, 0));
                else if (token == JsonTokenType.StartArray) path.Add(new PathSegment(null, -1));
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
}
