using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Evals.Files;
using PromptGen.Security;

namespace PromptGen.Evals.Recording;

/// <summary>
/// Reads and writes <c>X.eval.recordings.json</c>: <c>{ "note"?, "version": 1, "entries": [ ... ] }</c>, entries sorted by
/// case id, trial, kind and key, two-space indented, <c>\n</c> line ends, so that diffs are small and reviewable.
/// </summary>
internal static class RecordingFileFormat
{
    public const int Version = 1;

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        // Hand-written files may carry comments and trailing commas.
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    private static readonly JsonWriterOptions WriteOptions = JsonFileText.IndentedReadable;

    /// <summary>The canonical order of entries in the file.</summary>
    public static IEnumerable<RecordingEntry> Sort(IEnumerable<RecordingEntry> entries) => entries
        .OrderBy(e => e.CaseId, StringComparer.Ordinal)
        .ThenBy(e => e.Trial ?? -1)
        .ThenBy(e => e.Kind.ToName(), StringComparer.Ordinal)
        .ThenBy(e => e.Key ?? string.Empty, StringComparer.Ordinal);

    public static string Write(string? note, IEnumerable<RecordingEntry> entries, SecretScrubber scrubber)
    {
        return JsonFileText.WriteObject(WriteOptions, writer =>
        {
            if (!string.IsNullOrEmpty(note))
                writer.WriteString("note", scrubber.Scrub(note!));
            writer.WriteNumber("version", Version);
            writer.WriteObjects("entries", Sort(entries), (writer, entry) => WriteEntry(writer, entry, scrubber));
        });
    }

    private static void WriteEntry(Utf8JsonWriter writer, RecordingEntry entry, SecretScrubber scrubber)
    {
        writer.WriteString("case", scrubber.Scrub(entry.CaseId));
        if (entry.Arm is not null)
            writer.WriteString("arm", scrubber.Scrub(entry.Arm));
        if (entry.Trial is int trial)
            writer.WriteNumber("trial", trial);
        writer.WriteString("kind", entry.Kind.ToName());
        if (entry.Key is not null)
            writer.WriteString("key", entry.Key);
        if (entry.Request is not null)
        {
            writer.WritePropertyName("request");
            CanonicalJson.Write(writer, entry.Request, scrubber.Scrub);
        }
        writer.WritePropertyName("response");
        WriteResponse(writer, entry.Response, scrubber);
    }

    private static void WriteResponse(Utf8JsonWriter writer, RecordedResponse response, SecretScrubber scrubber)
    {
        writer.WriteStartObject();
        if (response.Text is not null)
            writer.WriteString("text", scrubber.Scrub(response.Text));
        if (RecordedStream.ScrubChunks(response, scrubber) is { } chunks)
            writer.WriteStrings("chunks", chunks);
        if (response.ToolCalls.Count > 0)
        {
            writer.WriteObjects("toolCalls", response.ToolCalls, (writer, call) =>
            {
                writer.WriteString("callId", scrubber.Scrub(call.CallId));
                writer.WriteString("name", scrubber.Scrub(call.Name));
                writer.WriteString("arguments", scrubber.Scrub(call.ArgumentsJson));
            });
        }
        if (response.FinishReason is not null)
            writer.WriteString("finishReason", scrubber.Scrub(response.FinishReason));
        if (response.ModelId is not null)
            writer.WriteString("modelId", scrubber.Scrub(response.ModelId));
        if (response.InputTokens is not null || response.OutputTokens is not null || response.TotalTokens is not null)
        {
            writer.WriteStartObject("usage");
            if (response.InputTokens is long input)
                writer.WriteNumber("inputTokens", input);
            if (response.OutputTokens is long output)
                writer.WriteNumber("outputTokens", output);
            if (response.TotalTokens is long total)
                writer.WriteNumber("totalTokens", total);
            writer.WriteEndObject();
        }
        if (response.LatencyMs is long latency)
            writer.WriteNumber("latencyMs", latency);
        if (response.Vectors.Count > 0)
        {
            writer.WriteStartArray("vectors");
            // One vector per line: embeddings are not reviewed number by number.
            foreach (var vector in response.Vectors)
                writer.WriteRawValue("[" + string.Join(",", vector.Select(FormatFloat)) + "]", skipInputValidation: true);
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static string FormatFloat(float value) =>
        float.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "0";

    /// <summary>Reads a recordings file. Every problem is a <see cref="RecordingFormatException"/> with a location.</summary>
    public static (string? Note, List<RecordingEntry> Entries) Read(string path, byte[] utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, ReadOptions);
        }
        catch (JsonException ex)
        {
            var error = JsonErrorPosition.Of(ex, new Utf8LineIndex(utf8));
            throw new RecordingFormatException(path, error.Line, error.Column, "not valid JSON: " + error.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new RecordingFormatException(path, 1, 1, "a recordings file is a JSON object with an \"entries\" array");
            // A property name that does not decode makes every lookup in the object throw: reported before any lookup.
            foreach (var property in root.EnumerateObject())
            {
                if (!IsDecodableName(property))
                    throw new RecordingFormatException(path, 1, 1, $"a property name of the top-level object: {JsonErrorPosition.UnpairedSurrogateProblem}");
            }
            string? note = null;
            if (root.TryGetProperty("note", out var noteElement))
            {
                if (noteElement.ValueKind != JsonValueKind.String)
                    throw new RecordingFormatException(path, 1, 1, "\"note\" must be a string");
                note = TryDecode(noteElement) ?? throw new RecordingFormatException(path, 1, 1, $"\"note\": {JsonErrorPosition.UnpairedSurrogateProblem}");
            }
            if (root.TryGetProperty("version", out var version) &&
                (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != Version))
                throw new RecordingFormatException(path, 1, 1, $"unsupported recordings \"version\" (expected {Version})");
            var entries = new List<RecordingEntry>();
            if (!root.TryGetProperty("entries", out var array))
                return (note, entries);
            if (array.ValueKind != JsonValueKind.Array)
                throw new RecordingFormatException(path, 1, 1, "\"entries\" must be an array");
            var locations = EntryLocations(utf8);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var (line, column) = index < locations.Count ? locations[index] : (1, 1);
                try
                {
                    entries.Add(ReadEntry(path, element, index, line, column));
                }
                catch (InvalidOperationException) when (!IsDecodable(element))
                {
                    throw new RecordingFormatException(path, line, column, $"entries[{index}]: {JsonErrorPosition.UnpairedSurrogateProblem}");
                }
                index++;
            }
            return (note, entries);
        }
    }

    /// <summary>The string, or null when it escapes half of a surrogate pair (valid JSON that is not text).</summary>
    private static string? TryDecode(JsonElement text)
    {
        try
        {
            return text.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether every string and property name under <paramref name="element"/> decodes (see <see cref="TryDecode"/>).</summary>
    private static bool IsDecodable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TryDecode(element) is not null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    if (!IsDecodable(item)) return false;
                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                    if (!IsDecodableName(property) || !IsDecodable(property.Value)) return false;
                return true;
            default:
                return true;
        }
    }

    private static bool IsDecodableName(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static RecordingEntry ReadEntry(string path, JsonElement element, int index, int line, int column)
    {
        RecordingFormatException Problem(string message) => new(path, line, column, $"entries[{index}]: {message}");

        if (element.ValueKind != JsonValueKind.Object)
            throw Problem("an entry must be an object");
        var caseId = element.TryGetProperty("case", out var caseElement) && caseElement.ValueKind == JsonValueKind.String
            ? caseElement.GetString()!
            : throw Problem("\"case\" (the case id) is required and must be a string");
        string? arm = null;
        if (element.TryGetProperty("arm", out var armElement))
            arm = armElement.ValueKind == JsonValueKind.String ? armElement.GetString() : throw Problem("\"arm\" (the experiment arm) must be a string");
        int? trial = null;
        if (element.TryGetProperty("trial", out var trialElement))
        {
            if (trialElement.ValueKind != JsonValueKind.Number || !trialElement.TryGetInt32(out var t) || t < 0)
                throw Problem("\"trial\" must be a whole number from 0");
            trial = t;
        }
        var kind = RecordingKind.Chat;
        if (element.TryGetProperty("kind", out var kindElement) &&
            (kindElement.ValueKind != JsonValueKind.String || !RecordingKindNames.TryParse(kindElement.GetString(), out kind)))
            throw Problem("\"kind\" must be \"chat\", \"embedding\" or \"judge\"");
        JsonObject? request = null;
        if (element.TryGetProperty("request", out var requestElement))
        {
            if (requestElement.ValueKind != JsonValueKind.Object)
                throw Problem("\"request\" must be an object");
            request = (JsonObject)JsonNode.Parse(requestElement.GetRawText())!;
        }
        string? key = null;
        if (element.TryGetProperty("key", out var keyElement))
        {
            if (keyElement.ValueKind != JsonValueKind.String || !IsHexKey(keyElement.GetString()!))
                throw Problem("\"key\" must be a 64-digit hex SHA-256");
            key = keyElement.GetString()!.ToLowerInvariant();
        }
        else if (request is not null && trial is int knownTrial)
        {
            // A hand-written entry with the full request: its key can be computed.
            key = CanonicalRequest.Key(kind, knownTrial, request);
        }
        if (!element.TryGetProperty("response", out var responseElement) || responseElement.ValueKind != JsonValueKind.Object)
            throw Problem("\"response\" is required and must be an object");
        return new RecordingEntry
        {
            CaseId = caseId,
            Arm = arm,
            Trial = trial,
            Kind = kind,
            Key = key,
            Request = request,
            Response = ReadResponse(responseElement, Problem),
            Line = line,
        };
    }

    private static RecordedResponse ReadResponse(JsonElement element, Func<string, RecordingFormatException> problem)
    {
        string? OptionalString(string name) => !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString() : throw problem($"response \"{name}\" must be a string");

        long? OptionalCount(JsonElement usage, string name) => !usage.TryGetProperty(name, out var value)
            ? null
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0 ? n : throw problem($"usage \"{name}\" must be a whole number");

        long? input = null, output = null, total = null;
        long? latencyMs = null;
        if (element.TryGetProperty("latencyMs", out var latencyElement))
            latencyMs = latencyElement.ValueKind == JsonValueKind.Number && latencyElement.TryGetInt64(out var ms) && ms >= 0 ? ms : throw problem("response \"latencyMs\" must be a whole number");
        if (element.TryGetProperty("usage", out var usage))
        {
            if (usage.ValueKind != JsonValueKind.Object)
                throw problem("response \"usage\" must be an object");
            input = OptionalCount(usage, "inputTokens");
            output = OptionalCount(usage, "outputTokens");
            total = OptionalCount(usage, "totalTokens");
        }
        var toolCalls = new List<RecordedToolCall>();
        if (element.TryGetProperty("toolCalls", out var calls))
        {
            if (calls.ValueKind != JsonValueKind.Array)
                throw problem("response \"toolCalls\" must be an array");
            foreach (var call in calls.EnumerateArray())
            {
                if (call.ValueKind != JsonValueKind.Object ||
                    !call.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                    throw problem("each tool call needs a string \"name\"");
                var callId = call.TryGetProperty("callId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty;
                var arguments = call.TryGetProperty("arguments", out var args)
                    ? args.ValueKind == JsonValueKind.String ? args.GetString()! : args.GetRawText()
                    : "{}";
                toolCalls.Add(new RecordedToolCall(callId, name.GetString()!, arguments));
            }
        }
        var vectors = new List<float[]>();
        if (element.TryGetProperty("vectors", out var vectorArray))
        {
            if (vectorArray.ValueKind != JsonValueKind.Array)
                throw problem("response \"vectors\" must be an array of number arrays");
            foreach (var vector in vectorArray.EnumerateArray())
            {
                if (vector.ValueKind != JsonValueKind.Array)
                    throw problem("response \"vectors\" must be an array of number arrays");
                vectors.Add(vector.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number
                    ? v.GetSingle()
                    : throw problem("vector components must be numbers")).ToArray());
            }
        }
        var chunks = RecordedStream.ReadChunks(element, OptionalString("text"), problem);
        return new RecordedResponse
        {
            Text = OptionalString("text") ?? (chunks is null ? null : string.Concat(chunks)),
            Chunks = chunks,
            FinishReason = OptionalString("finishReason"),
            ModelId = OptionalString("modelId"),
            InputTokens = input,
            OutputTokens = output,
            TotalTokens = total,
            LatencyMs = latencyMs,
            ToolCalls = toolCalls,
            Vectors = vectors,
        };
    }

    private static bool IsHexKey(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);

    // Line and column of each object directly inside the top-level "entries" array (the lines are indexed once, not
    // counted from the start for each entry, which was quadratic).
    private static List<(int Line, int Column)> EntryLocations(byte[] utf8)
    {
        var result = new List<(int, int)>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 256 });
        var lines = new Utf8LineIndex(utf8);
        var inEntries = false;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName)
                inEntries = reader.ValueTextEquals("entries");
            else if (inEntries && reader.CurrentDepth == 2 && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                     or JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null)
            {
                result.Add(lines.Position(reader.TokenStartIndex));
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    reader.Skip();
            }
        }
        return result;
    }
}
