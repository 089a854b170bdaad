using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// Checks that one partial value grows into the next: strings only gain characters, numbers and enum values never
/// change once set, lists only gain items (each growing), completeness counts never drop, and a field reported complete
/// keeps its value. Values are compared as JSON (test code; reflection serialization is fine here).
/// </summary>
internal static class PartialGrowth
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static JsonNode? ToJson<T>(T value) => JsonSerializer.SerializeToNode(value, Options);

    public static void AssertGrows(JsonNode? previous, JsonNode? next, string path = "$")
    {
        if (previous is null) return;
        Assert.True(next is not null, $"{path}: a value disappeared");
        switch (previous)
        {
            case JsonObject before:
                var after = Assert.IsType<JsonObject>(next);
                foreach (var (name, value) in before)
                {
                    if (name == "Completion")
                    {
                        AssertCompletionGrows(value!.AsObject(), after[name]!.AsObject(), before, after, path);
                        continue;
                    }

                    AssertGrows(value, after[name], path + "." + name);
                }

                break;
            case JsonArray items:
                var grown = Assert.IsType<JsonArray>(next);
                Assert.True(grown.Count >= items.Count, $"{path}: a list lost items");
                for (var i = 0; i < items.Count; i++) AssertGrows(items[i], grown[i], $"{path}[{i}]");
                break;
            default:
                var value0 = previous.AsValue();
                if (value0.GetValueKind() == JsonValueKind.String && next!.GetValueKind() == JsonValueKind.String)
                    Assert.StartsWith(value0.GetValue<string>(), next.GetValue<string>());
                else
                    Assert.True(JsonNode.DeepEquals(previous, next), $"{path}: {previous.ToJsonString()} changed to {next?.ToJsonString()}");
                break;
        }
    }

    private static void AssertCompletionGrows(JsonObject before, JsonObject after, JsonObject previousRecord, JsonObject nextRecord, string path)
    {
        Assert.True((int)after["StartedCount"]! >= (int)before["StartedCount"]!, $"{path}: started count dropped");
        Assert.True((int)after["CompletedCount"]! >= (int)before["CompletedCount"]!, $"{path}: completed count dropped");
        Assert.True(!(bool)before["IsClosed"]! || (bool)after["IsClosed"]!, $"{path}: reopened");
        foreach (var wireName in before["Completed"]!.AsArray().Select(n => n!.GetValue<string>()))
        {
            Assert.Contains(wireName, after["Completed"]!.AsArray().Select(n => n!.GetValue<string>()));
            // The record's property for this wire name (PascalCase of it) keeps its value once complete.
            var property = previousRecord.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, wireName.Replace("_", ""), System.StringComparison.OrdinalIgnoreCase));
            if (property is not null)
                Assert.True(JsonNode.DeepEquals(previousRecord[property], nextRecord[property]), $"{path}.{property} changed after it was complete");
        }
    }
}
