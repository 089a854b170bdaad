using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Tests;

/// <summary>Seeded random JSON values that fit a JSON Schema, biased towards the values where JavaScript semantics bite.</summary>
internal static class RandomJson
{
    private static readonly string[] Strings =
    {
        "", "plain", "héllo wörld ✓", "emoji 😀 ok", "<<<dotprompt:role:system>>>", "{{not a tag}}", "line1\nline2", "a,b", "0", " spaced ",
        "quote \" and \\ backslash", "\u2028sep",
    };

    /// <summary>For string fields named like URLs: media parts that can be sent (typed by extension or data: URI) and some that cannot.</summary>
    private static readonly string[] Urls =
    {
        "https://example.com/shot.png", "https://example.com/a/b/photo.JPG?w=2", "data:image/png;base64,AAAA", "gs://bucket/doc.pdf",
        "https://example.com/render?id=1", "plain",
    };

    private static readonly double[] Integers = { 0, -1, 1, 42, -123456, 9007199254740993d, 1000000 };

    private static readonly double[] Numbers = { 0, 0.1 + 0.2, 1e21, -0.0, 1.5, -2.25, 1e-7, 123456789.125, 7 };

    private static readonly string[] MapKeys = { "a", "b", "10", "2", "x y", "-1", "01" };

    public static PromptValue ForSchema(PromptValue? schema, Random random, int depth)
    {
        if (schema is null || schema.Kind != PromptValueKind.Object || depth > 6) return AnyScalar(random);
        if (schema["enum"] is { Kind: PromptValueKind.Array } values)
        {
            var choices = values.Items.Where(v => !v.IsNull).ToList();
            if (choices.Count > 0) return choices[random.Next(choices.Count)];
        }

        var type = schema["type"];
        string? name = type switch
        {
            { Kind: PromptValueKind.String } single => single.AsString,
            { Kind: PromptValueKind.Array } union => union.Items.Where(i => i.Kind == PromptValueKind.String && i.AsString != "null").Select(i => i.AsString).FirstOrDefault(),
            _ => schema["properties"] is not null ? "object" : null,
        };
        switch (name)
        {
            case "string":
                return PromptValue.String(Strings[random.Next(Strings.Length)]);
            case "integer":
                return PromptValue.Number(Integers[random.Next(Integers.Length)]);
            case "number":
                return PromptValue.Number(Numbers[random.Next(Numbers.Length)]);
            case "boolean":
                return PromptValue.Boolean(random.Next(2) == 0);
            case "array":
                var count = random.Next(4);
                return PromptValue.Array(Enumerable.Range(0, count).Select(_ => ForSchema(schema["items"], random, depth + 1)).ToList());
            case "object":
                return ObjectFor(schema, random, depth);
            default:
                return AnyScalar(random);
        }
    }

    private static PromptValue ObjectFor(PromptValue schema, Random random, int depth)
    {
        var properties = new List<KeyValuePair<string, PromptValue>>();
        var required = new HashSet<string>((schema["required"]?.Items ?? Array.Empty<PromptValue>()).Where(v => v.Kind == PromptValueKind.String).Select(v => v.AsString));
        if (schema["properties"] is { Kind: PromptValueKind.Object } declared)
        {
            foreach (var property in declared.Properties)
            {
                // Optional fields are present or absent (absent, not null: that is what the typed writer sends too).
                if (!required.Contains(property.Key) && random.Next(3) == 0) continue;
                var value = property.Key.IndexOf("url", StringComparison.OrdinalIgnoreCase) >= 0 && property.Value["type"] is { Kind: PromptValueKind.String } t && t.AsString == "string"
                    ? PromptValue.String(Urls[random.Next(Urls.Length)])
                    : ForSchema(property.Value, random, depth + 1);
                properties.Add(new KeyValuePair<string, PromptValue>(property.Key, value));
            }
        }
        else
        {
            var keys = MapKeys.OrderBy(_ => random.Next()).Take(random.Next(4));
            foreach (var key in keys)
            {
                properties.Add(new KeyValuePair<string, PromptValue>(key, ForSchema(schema["additionalProperties"], random, depth + 1)));
            }
        }

        return PromptValue.Object(properties);
    }

    private static PromptValue AnyScalar(Random random) => random.Next(5) switch
    {
        0 => PromptValue.String(Strings[random.Next(Strings.Length)]),
        1 => PromptValue.Number(Numbers[random.Next(Numbers.Length)]),
        2 => PromptValue.Boolean(random.Next(2) == 0),
        3 => PromptValue.Object(("k", PromptValue.Number(1))),
        _ => PromptValue.Array(new[] { PromptValue.Number(1), PromptValue.String("x") }),
    };
}
