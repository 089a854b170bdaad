using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromptGen.Tests.Streaming;

/// <summary>
/// Whether one snapshot of a streamed JSON value grows into the next: strings only gain characters, objects only gain
/// properties (each growing), arrays only gain items (each growing), scalars never change.
/// </summary>
internal static class JsonGrowth
{
    public static bool Grows(JsonNode? before, JsonNode? after, out string difference, string path = "$")
    {
        difference = string.Empty;
        if (before is null) return true;
        if (after is null)
        {
            difference = path + " disappeared";
            return false;
        }

        switch (before)
        {
            case JsonObject o:
                if (after is not JsonObject grown)
                {
                    difference = path + " changed kind";
                    return false;
                }

                foreach (var (name, value) in o)
                {
                    if (!grown.ContainsKey(name))
                    {
                        difference = path + "." + name + " disappeared";
                        return false;
                    }

                    if (!Grows(value, grown[name], out difference, path + "." + name)) return false;
                }

                return true;
            case JsonArray a:
                if (after is not JsonArray items || items.Count < a.Count)
                {
                    difference = path + " lost items";
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!Grows(a[i], items[i], out difference, $"{path}[{i}]")) return false;
                }

                return true;
            default:
                if (before.GetValueKind() == JsonValueKind.String && after.GetValueKind() == JsonValueKind.String)
                {
                    if (after.GetValue<string>().StartsWith(before.GetValue<string>(), System.StringComparison.Ordinal)) return true;
                }
                else if (JsonNode.DeepEquals(before, after))
                {
                    return true;
                }

                difference = $"{path}: {before.ToJsonString()} became {after.ToJsonString()}";
                return false;
        }
    }
}
