using System.Text.Json;
using System.Text.Json.Nodes;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Recording;

/// <summary>
/// A compact, readable difference between two canonical requests: one line group per changed leaf,
/// with long strings cut down to the neighbourhood of their first difference.
/// </summary>
public static class RequestDiff
{
    private const int MaxChangesShown = 12;
    private const int StringContext = 40;

    /// <summary>How many leaves differ (added, removed or changed); 0 when the requests are equal.</summary>
    public static int Distance(JsonNode? recorded, JsonNode? current)
    {
        var before = Flatten(recorded);
        var after = Flatten(current);
        var count = 0;
        foreach (var pair in before)
        {
            if (!after.TryGetValue(pair.Key, out var value) || value != pair.Value)
                count++;
        }
        count += after.Keys.Count(k => !before.ContainsKey(k));
        return count;
    }

    /// <summary>
    /// The differences as text, one change per group, e.g.
    /// <c>~ messages[1].parts[0].text</c> followed by <c>recorded:</c> and <c>now:</c> lines.
    /// </summary>
    public static string Describe(JsonNode? recorded, JsonNode? current, string indent = "  ")
    {
        var before = Flatten(recorded);
        var after = Flatten(current);
        var paths = before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k))).ToList();
        var text = new StringBuilder();
        var shown = 0;
        var total = 0;
        foreach (var path in paths)
        {
            before.TryGetValue(path, out var old);
            after.TryGetValue(path, out var now);
            if (old == now)
                continue;
            total++;
            if (shown == MaxChangesShown)
                continue;
            shown++;
            if (old is null)
                text.Append(indent).Append("+ ").Append(path).Append(": ").Append(Shorten(EvalSecrets.Scrub(now!), 0)).Append('\n');
            else if (now is null)
                text.Append(indent).Append("- ").Append(path).Append(": ").Append(Shorten(EvalSecrets.Scrub(old), 0)).Append('\n');
            else
            {
                // Scrubbed before the cut around the difference, which could otherwise keep part of a secret.
                old = EvalSecrets.Scrub(old);
                now = EvalSecrets.Scrub(now);
                var at = FirstDifference(old, now);
                text.Append(indent).Append("~ ").Append(path).Append('\n');
                text.Append(indent).Append("    recorded: ").Append(Shorten(old, at)).Append('\n');
                text.Append(indent).Append("    now:      ").Append(Shorten(now, at)).Append('\n');
            }
        }
        if (total > shown)
            text.Append(indent).Append("... and ").Append(total - shown).Append(" more change(s)\n");
        if (total == 0)
            text.Append(indent).Append("(the request is unchanged; the trial number or call kind differs)\n");
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>Leaf path → compact JSON of the leaf, in document order. Empty containers are leaves.</summary>
    internal static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        // Explicit stack instead of recursion: a deeply nested schema cannot overflow it.
        var stack = new Stack<(string Path, JsonNode? Node)>();
        stack.Push((string.Empty, node));
        while (stack.Count > 0)
        {
            var (path, current) = stack.Pop();
            switch (current)
            {
                case JsonObject obj when obj.Count > 0:
                    foreach (var property in obj.OrderBy(p => p.Key, StringComparer.Ordinal).Reverse())
                        stack.Push((path.Length == 0 ? property.Key : path + "." + property.Key, property.Value));
                    break;
                case JsonArray array when array.Count > 0:
                    for (var i = array.Count - 1; i >= 0; i--)
                        stack.Push((path + "[" + i + "]", array[i]));
                    break;
                default:
                    result[path.Length == 0 ? "(request)" : path] = CanonicalJson.Serialize(current);
                    break;
            }
        }
        return result;
    }

    private static int FirstDifference(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
                return i;
        }
        return length;
    }

    // Cuts a JSON leaf to the region around the first difference so a one-word change in a long prompt stays visible.
    private static string Shorten(string json, int differenceAt)
    {
        if (json.Length <= StringContext * 2 + 10)
            return json;
        var start = Math.Max(0, differenceAt - StringContext);
        var end = Math.Min(json.Length, differenceAt + StringContext);
        var text = new StringBuilder();
        if (start > 0)
            text.Append('…');
        text.Append(json, start, end - start);
        if (end < json.Length)
            text.Append('…');
        return text.ToString();
    }
}
