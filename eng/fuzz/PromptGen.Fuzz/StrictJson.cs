using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen.Fuzz;

/// <summary>
/// The <c>json</c> target: the strict path every generated <c>Parse</c> tries first (<see cref="JsonText.TryRead{T}"/>:
/// the syntax check over a padded buffer, then the reader with strings cut from the source text and short numbers
/// converted by hand) against System.Text.Json on the same text. The strict path promises never to throw, to accept
/// exactly what <see cref="Utf8JsonReader"/> reads to the end (every string decodable), and to read the same values.
/// </summary>
internal static class StrictJson
{
    /// <summary>One token as both sides see it: its type and its value as text (strings decoded, numbers converted).</summary>
    private readonly record struct Token(JsonTokenType Type, string? Value);

    public static void Run(string text)
    {
        var expected = ReadWithSystemTextJson(Encoding.UTF8.GetBytes(text));
        bool accepted;
        List<Token>? actual;
        try
        {
            accepted = JsonText.TryRead(text, ReadEveryToken, out actual);
        }
        catch (Exception exception)
        {
            throw new FuzzFinding("JsonText.TryRead threw, which it promises never to do: " + exception.Message, exception);
        }

        if (accepted != expected is not null)
        {
            throw new FuzzFinding(accepted
                ? "the strict path accepted a text that System.Text.Json rejects"
                : "the strict path rejected a text that System.Text.Json reads");
        }

        if (expected is null)
        {
            return;
        }

        for (var i = 0; i < Math.Max(expected.Count, actual!.Count); i++)
        {
            var want = i < expected.Count ? expected[i] : default;
            var got = i < actual.Count ? actual[i] : default;
            if (want != got)
            {
                throw new FuzzFinding($"token {i}: the strict path read {got.Type} {Quote(got.Value)}, System.Text.Json {want.Type} {Quote(want.Value)}");
            }
        }

        CheckFailurePath(text);
    }

    /// <summary>
    /// A reader that rejects one value (chosen by the text's length), as a value of the wrong kind or as an object
    /// missing a required property, must make <see cref="JsonText.Read{T}(string, JsonValueReader{T})"/>
    /// throw a <see cref="JsonException"/> whose <see cref="JsonException.Path"/> is that value's path, as found here
    /// independently by walking the parsed document.
    /// </summary>
    private static void CheckFailurePath(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = JsonText.MaxDepth });
        var paths = new List<string>();
        CollectPaths(document.RootElement, "$", paths);
        var rejected = text.Length % paths.Count;

        var seen = -1;
        bool RejectOne(ref Utf8JsonReader reader, out int value)
        {
            value = 0;
            do
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray) continue;
                if (++seen != rejected) continue;

                // An object is rejected either as a whole or, on every other text, for a required property missing
                // from it, reported at its closing brace: both must name the object's path.
                if (reader.TokenType != JsonTokenType.StartObject || text.Length / paths.Count % 2 == 0) return JsonRead.Mismatch(ref reader, "nothing");
                reader.Skip();
                return JsonRead.MissingProperty(ref reader, 0UL, "Fuzzed", "required");
            }
            while (reader.Read());
            return true;
        }

        JsonException error;
        try
        {
            JsonText.Read<int>(text, RejectOne);
            throw new FuzzFinding($"JsonText.Read returned although its reader rejected value {rejected}");
        }
        catch (JsonException exception)
        {
            error = exception;
        }
        catch (Exception exception) when (exception is not FuzzFinding)
        {
            throw new FuzzFinding("JsonText.Read threw " + exception.GetType().Name + " instead of a JsonException: " + exception.Message, exception);
        }

        if (error.Path != paths[rejected])
        {
            throw new FuzzFinding($"value {rejected} was rejected at {Quote(paths[rejected])} but the exception's path is {Quote(error.Path)} ({error.Message})");
        }
    }

    /// <summary>Every value's path in document order, in the notation of repair reports (<c>$.a[0]['odd key']</c>).</summary>
    private static void CollectPaths(JsonElement element, string path, List<string> paths)
    {
        paths.Add(path);
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray()) CollectPaths(item, path + "[" + index++ + "]", paths);
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject()) CollectPaths(property.Value, path + PathStep(property.Name), paths);
        }
    }

    private static string PathStep(string name)
    {
        var plain = name.Length > 0 && !char.IsDigit(name[0]) && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
        return plain ? "." + name : "['" + name.Replace("\\", "\\\\").Replace("'", "\\'") + "']";
    }

    /// <summary>The generated readers' view: strings through <see cref="JsonRead.String"/>, numbers through the short readers.</summary>
    private static bool ReadEveryToken(ref Utf8JsonReader reader, out List<Token> tokens)
    {
        tokens = new List<Token>();
        do
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    JsonRead.String(ref reader, out var text);
                    tokens.Add(new Token(JsonTokenType.String, text));
                    break;
                case JsonTokenType.Number:
                    var asDouble = JsonRead.Double(ref reader, out var number) ? Format(number) : "not a double";
                    var asLong = JsonRead.Int64(ref reader, out var whole) ? Format(whole) : "not a long";
                    tokens.Add(new Token(JsonTokenType.Number, asDouble + " / " + asLong));
                    break;
                default:
                    tokens.Add(Plain(ref reader));
                    break;
            }
        }
        while (reader.Read());

        return true;
    }

    /// <summary>System.Text.Json's own reading of the text, or null when it throws (the text is not one readable JSON value).</summary>
    private static List<Token>? ReadWithSystemTextJson(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = JsonText.MaxDepth });
        var tokens = new List<Token>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        tokens.Add(new Token(JsonTokenType.String, reader.GetString()));
                        break;
                    case JsonTokenType.Number:
                        var asDouble = reader.TryGetDouble(out var number) ? Format(number) : "not a double";
                        var asLong = reader.TryGetInt64(out var whole) ? Format(whole) : "not a long";
                        tokens.Add(new Token(JsonTokenType.Number, asDouble + " / " + asLong));
                        break;
                    default:
                        tokens.Add(Plain(ref reader));
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: GetString on an escaped lone surrogate, which the strict path must reject too.
            return null;
        }

        return tokens;
    }

    private static Token Plain(ref Utf8JsonReader reader) =>
        new(reader.TokenType, reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null);

    // Round-trip formats: two doubles that print the same are the same double (-0 and 0 print differently).
    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Format(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Quote(string? value) => value is null ? "(none)" : JsonSerializer.Serialize(value);

    /// <summary>Clean and malformed answers: the parsing corpus's outputs and the tests' JSON files.</summary>
    public static IEnumerable<(string, string)> Seeds(string root)
    {
        var corpus = Path.Combine(root, "tests", "PromptGen.Tests", "ParsingCorpus");
        foreach (var file in Directory.EnumerateFiles(corpus, "*.txt", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n");
            var separator = text.IndexOf("\n---\n", StringComparison.Ordinal);
            if (separator >= 0)
            {
                yield return (SeedFiles.NameOf(corpus, file), text.Substring(separator + 5));
            }
        }

        foreach (var file in SeedFiles.Find(root, ".json").Where(f => new FileInfo(f).Length <= SeedFiles.MaxSeedLength))
        {
            yield return (SeedFiles.NameOf(root, file), File.ReadAllText(file));
        }
    }
}
