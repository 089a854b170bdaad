using System.Globalization;
using PromptGen.Language.Values;

namespace PromptGen.Tasks;

/// <summary>
/// One line of the eval runner's structured output (<c>promptgen eval --findings &lt;file&gt;</c>): a flat JSON object
/// with a <c>kind</c> (<c>finding</c>, <c>report</c>, <c>recordings</c>, <c>baseline</c>, <c>end</c>) and string,
/// number or boolean values. Read with the language core's own JSON reader, compiled into this assembly: a task must not
/// bring a JSON library into the MSBuild process (it would clash with the one MSBuild loads).
/// </summary>
internal sealed class EvalRecord
{
    private readonly Dictionary<string, string?> _values;

    private EvalRecord(Dictionary<string, string?> values)
    {
        _values = values;
    }

    /// <summary>The record's kind.</summary>
    public string Kind => GetString("kind") ?? "";

    /// <summary>A value as text (numbers and booleans as JSON writes them), or <c>null</c> when absent or null.</summary>
    public string? GetString(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>A whole number, or <paramref name="fallback"/> when absent or not a number.</summary>
    public int GetInt32(string name, int fallback) =>
        int.TryParse(GetString(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>Reads every record of <paramref name="path"/> (UTF-8, one object per line; blank lines are skipped).</summary>
    /// <exception cref="FormatException">A line is not a flat JSON object.</exception>
    public static List<EvalRecord> ReadFile(string path)
    {
        var records = new List<EvalRecord>();
        var lineNumber = 0;
        foreach (var line in File.ReadAllLines(path, new UTF8Encoding(false)))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            try
            {
                records.Add(Parse(line));
            }
            catch (FormatException exception)
            {
                throw new FormatException($"line {lineNumber}: {exception.Message}", exception);
            }
        }

        return records;
    }

    /// <summary>Parses one flat JSON object.</summary>
    /// <exception cref="FormatException">Not a flat JSON object.</exception>
    public static EvalRecord Parse(string json)
    {
        if (!PromptJson.TryParse(json, out var parsed, out var error)) throw new FormatException(error!.Message, error);
        var value = parsed!;
        if (value.Kind != PromptValueKind.Object) throw new FormatException("a record is a JSON object");
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in value.Properties)
        {
            values[property.Key] = property.Value.Kind switch
            {
                PromptValueKind.Null => null,
                PromptValueKind.String => property.Value.AsString,
                PromptValueKind.Number or PromptValueKind.Boolean => PromptJson.Serialize(property.Value),
                _ => throw new FormatException($"'{property.Key}': nested values are not expected in a record"),
            };
        }

        return new EvalRecord(values);
    }
}
