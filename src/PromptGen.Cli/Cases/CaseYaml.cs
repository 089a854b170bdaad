using System.Globalization;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Cases;

/// <summary>
/// Writes an imported case as YAML lines for an eval file: a comment saying where it came from, the id, the input (a
/// flow mapping) and the assertions proposed from the captured value, marked for review.
/// </summary>
internal static class CaseYaml
{
    /// <summary>The lines of one case, each without indentation; the first line starts the sequence item.</summary>
    public static List<string> Write(string id, CapturedCall call, SchemaNode? output)
    {
        var lines = new List<string>
        {
            OneLine($"# imported from {System.IO.Path.GetFileName(call.File)} line {call.Line}: call {call.CallId}, prompt version {call.Version}" +
                (call.Time.Length > 0 ? ", " + call.Time : string.Empty)),
        };
        if (call.Score is { } score)
            lines.Add($"# feedback: score {score.ToString(CultureInfo.InvariantCulture)}{(call.Comment is { Length: > 0 } c ? ": " + OneLine(c) : string.Empty)}");
        lines.Add("- id: " + id);
        lines.Add("  input: " + Flow(call.Input));
        var proposed = Propose(call.Value, output).ToList();

        // A case needs an assertion: when the value gives none (a text answer, an answer that did not parse), the one
        // every good answer meets.
        if (proposed.Count == 0) proposed.Add(output is null ? "{ regex: \"\\\\S\" }" : "{ schema-valid: true }");
        lines.Add(call.IsNegative
            ? "  # REVIEW: proposed from the captured answer, which a user rated bad: change them to what a good answer says"
            : "  # REVIEW: proposed from the captured answer; keep what must stay true, loosen or drop the rest");
        lines.Add("  assert:");
        lines.AddRange(proposed.Select(a => "    - " + a));
        return lines;
    }

    /// <summary>
    /// One assertion per top-level field whose value is a decision rather than prose: enum members, booleans and whole
    /// numbers are pinned with <c>equals</c>; other present fields are required to exist. A value the prompt's current
    /// schema no longer allows (an enum member renamed since the call was captured) is not pinned: that assertion would
    /// be an error in the eval file.
    /// </summary>
    private static IEnumerable<string> Propose(PromptValue? value, SchemaNode? output)
    {
        if (value is not { Kind: PromptValueKind.Object } || output is null) yield break;
        foreach (var property in value.Properties)
        {
            var type = output.FindProperty(property.Key)?.Type;
            if (type is null || property.Value.IsNull) continue;
            var key = Scalar(PromptValue.String(property.Key));
            var pinned = (type.EnumValues.Count > 0
                    || property.Value.Kind == PromptValueKind.Boolean
                    || (type.Kind == SchemaKind.Integer && property.Value.Kind == PromptValueKind.Number))
                && SchemaValidator.Validate(property.Value, type, stopAtFirst: true).Count == 0;
            yield return pinned
                ? $"{{ path: {key}, equals: {Scalar(property.Value)} }}"
                : $"{{ path: {key}, exists: true }}";
        }
    }

    /// <summary>A value as a YAML flow node: JSON with a space after each separator, which every YAML parser reads alike.</summary>
    public static string Flow(PromptValue value)
    {
        switch (value.Kind)
        {
            case PromptValueKind.Object:
                return value.Properties.Count == 0
                    ? "{}"
                    : "{ " + string.Join(", ", value.Properties.Select(p => Scalar(PromptValue.String(p.Key)) + ": " + Flow(p.Value))) + " }";
            case PromptValueKind.Array:
                return "[" + string.Join(", ", value.Items.Select(Flow)) + "]";
            default:
                return Scalar(value);
        }
    }

    // JSON scalars are YAML double-quoted scalars (same escapes), numbers, true, false and null; a string also escapes
    // what YAML does not take as it is inside quotes.
    private static string Scalar(PromptValue value) =>
        value.Kind == PromptValueKind.String ? QuotedString(value.AsString) : PromptJson.Serialize(value);

    /// <summary>
    /// A YAML double-quoted scalar: JSON's escapes (C0 controls, quotes, backslashes, lone surrogates), and <c>\uXXXX</c>
    /// for the other characters YAML cannot hold as they are (<see cref="IsYamlUnsafe"/>).
    /// </summary>
    internal static string QuotedString(string text)
    {
        var json = new StringBuilder(text.Length + 2);
        PromptJson.WriteString(json, text);
        var quoted = new StringBuilder(json.Length);
        foreach (var c in json.ToString())
        {
            if (IsYamlUnsafe(c)) quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else quoted.Append(c);
        }

        return quoted.ToString();
    }

    /// <summary>Text for a comment: control characters and what <see cref="IsYamlUnsafe"/> names become spaces.</summary>
    private static string OneLine(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsControl(c) || IsYamlUnsafe(c) ? ' ' : c);
        return builder.ToString().Trim();
    }

    /// <summary>
    /// Characters past the C0 controls that YAML does not print as they are (DEL, C1 controls, U+FFFE, U+FFFF), takes
    /// for line breaks in YAML 1.1 (U+0085, U+2028, U+2029) or strips (U+FEFF).
    /// </summary>
    private static bool IsYamlUnsafe(char c) => c is (>= '\u007f' and <= '\u009f') or '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff';
}
