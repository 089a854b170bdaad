using System.Globalization;
using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>
/// Why the last strict read on this thread returned <see langword="false"/>. Readers only store the pieces (no string
/// is built on the failing path, which is the common path for malformed model output); <see cref="Describe"/> builds
/// the text when someone needs it: an exception for JSON input, or a parse report after a repair that still does not fit.
/// </summary>
internal static class JsonReadFailure
{
    [ThreadStatic]
    private static Failure t_last;

    /// <summary>The text is not one JSON value the reader takes (the syntax check failed).</summary>
    public static void NotJson() => t_last = default;

    public static void Mismatch(string expected, JsonTokenType found, long position) =>
        t_last = new Failure(expected, null, found, position);

    /// <summary>A required property is missing from the object whose <c>}</c> starts at <paramref name="objectEnd"/>.</summary>
    public static void MissingProperty(string wireName, string typeName, long objectEnd) =>
        t_last = new Failure(wireName, typeName, JsonTokenType.None, objectEnd);

    /// <summary>
    /// The last failure as a sentence, with the path of the value that did not fit, e.g.
    /// <c>Expected a number but found String at $.items[0].price (byte 12).</c> or
    /// <c>The required property 'sku' of Item is missing at $.items[1].</c>
    /// </summary>
    /// <param name="utf8Json">The text the failed read was reading (the offsets the readers record are into it).</param>
    public static string Describe(ReadOnlySpan<byte> utf8Json) => DescribeWithPath(utf8Json, out _);

    /// <summary>The last failure as the exception of a strict read, its <see cref="JsonException.Path"/> set when known.</summary>
    /// <param name="utf8Json">The text the failed read was reading.</param>
    public static JsonException ToException(ReadOnlySpan<byte> utf8Json) =>
        new(DescribeWithPath(utf8Json, out var path), path, null, null);

    private static string DescribeWithPath(ReadOnlySpan<byte> utf8Json, out string? path)
    {
        var last = t_last;
        path = null;
        if (last.Subject is null) return "The text is not valid JSON.";
        path = JsonValuePath.Of(utf8Json, last.Position);
        if (last.TypeName is not null)
        {
            return $"The required property '{last.Subject}' of {last.TypeName} is missing" + (path is null ? "." : " at " + path + ".");
        }

        var at = last.Position.ToString(CultureInfo.InvariantCulture);
        return "Expected " + last.Subject + " but found " + last.Found + (path is null ? " at byte " + at + "." : " at " + path + " (byte " + at + ").");
    }

    private readonly struct Failure
    {
        public Failure(string subject, string? typeName, JsonTokenType found, long position)
        {
            Subject = subject;
            TypeName = typeName;
            Found = found;
            Position = position;
        }

        /// <summary>What was expected, or the missing property's wire name.</summary>
        public string? Subject { get; }

        /// <summary>The record a required property is missing from; null for a mismatch.</summary>
        public string? TypeName { get; }

        public JsonTokenType Found { get; }

        public long Position { get; }
    }
}
