using System.Text.Json;
using PromptGen.Evals.Files;

namespace PromptGen.Evals.Baselines;

/// <summary>A small JSON tree that remembers where each value starts, so file errors can point at a line.</summary>
internal sealed class PositionedJson(JsonValueKind kind, int line, int column)
{
    private static readonly IReadOnlyDictionary<string, PositionedJson> NoProperties = new Dictionary<string, PositionedJson>();

    public JsonValueKind Kind { get; } = kind;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>String value, or the raw number text.</summary>
    public string Text { get; private set; } = string.Empty;

    public IReadOnlyDictionary<string, PositionedJson> Properties { get; private set; } = NoProperties;

    public IReadOnlyList<PositionedJson> Items { get; private set; } = Array.Empty<PositionedJson>();

    public static PositionedJson Parse(string text, string path, int maxDepth)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new BaselineFormatException(path, 1, 1, "the file is empty.");
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new Utf8LineIndex(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read()) throw new BaselineFormatException(path, 1, 1, "the file is empty.");
            var root = ReadValue(ref reader, lines, path);
            if (reader.Read())
            {
                var (line, column) = lines.Position(reader.TokenStartIndex);
                throw new BaselineFormatException(path, line, column, "unexpected content after the JSON value.");
            }

            return root;
        }
        catch (JsonException e)
        {
            var error = JsonErrorPosition.Of(e, lines);
            throw new BaselineFormatException(path, error.Line, error.Column, "invalid JSON: " + error.Message);
        }
    }

    private static PositionedJson ReadValue(ref Utf8JsonReader reader, Utf8LineIndex lines, string path)
    {
        var (line, column) = lines.Position(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new PositionedJson(JsonValueKind.Object, line, column);
                var properties = new Dictionary<string, PositionedJson>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var (keyLine, keyColumn) = lines.Position(reader.TokenStartIndex);
                    var key = ReadString(ref reader, keyLine, keyColumn, path);
                    if (properties.ContainsKey(key)) throw new BaselineFormatException(path, keyLine, keyColumn, $"duplicate key \"{key}\".");
                    reader.Read();
                    properties[key] = ReadValue(ref reader, lines, path);
                }

                node.Properties = properties;
                return node;
            }

            case JsonTokenType.StartArray:
            {
                var node = new PositionedJson(JsonValueKind.Array, line, column);
                var items = new List<PositionedJson>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(ReadValue(ref reader, lines, path));
                node.Items = items;
                return node;
            }

            case JsonTokenType.String:
                return new PositionedJson(JsonValueKind.String, line, column) { Text = ReadString(ref reader, line, column, path) };
            case JsonTokenType.Number:
                return new PositionedJson(JsonValueKind.Number, line, column) { Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.True:
                return new PositionedJson(JsonValueKind.True, line, column);
            case JsonTokenType.False:
                return new PositionedJson(JsonValueKind.False, line, column);
            default:
                return new PositionedJson(JsonValueKind.Null, line, column);
        }
    }

    /// <summary>
    /// A string or property name. The reader accepts an escaped half of a surrogate pair (<c>"\ud800"</c>) as JSON but
    /// cannot decode it (an <see cref="InvalidOperationException"/>): a hand-edited file gets a located error instead.
    /// </summary>
    private static string ReadString(ref Utf8JsonReader reader, int line, int column, string path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new BaselineFormatException(path, line, column, JsonErrorPosition.UnpairedSurrogateProblem + ".");
        }
    }
}
