using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>Before timing anything: the compared engines must produce the same result, or the numbers mean nothing.</summary>
internal static class EquivalenceCheck
{
    /// <param name="jsMessages">The Dotprompt JS reference's messages per template (eng/bench/render-dotprompt.mjs), when given.</param>
    public static List<string> Run(string? jsMessages = null)
    {
        var problems = new List<string>();
        using var js = jsMessages is null ? null : JsonDocument.Parse(File.ReadAllText(jsMessages));

        foreach (var c in RenderCase.All)
        {
            var typedBody = BenchmarkData.TemplateBody(c.Prompt + ".prompt");
            if (BenchmarkData.TemplateBody(Path.Combine("Dynamic", c.Prompt + "Dynamic.prompt")) != typedBody)
            {
                problems.Add($"{c.Name}: Prompts/Dynamic/{c.Prompt}Dynamic.prompt does not have the body of Prompts/{c.Prompt}.prompt");
            }

            var expected = Describe(RenderCase.Describe(c.HandWritten()));
            Compare(problems, c.Name + ", generated Render (typed)", expected, Describe(RenderCase.Describe(c.Typed())));
            Compare(problems, c.Name + ", generated Render (dynamic)", expected, Describe(RenderCase.Describe(c.Dynamic())));
            Compare(problems, c.Name + ", run-time renderer", expected, Describe(RenderCase.Describe(c.RunTime())));
            Compare(problems, c.Name + ", Handlebars.Net", expected, Describe(RenderCase.Describe(c.Handlebars())));
            if (js is not null)
            {
                var reference = js.RootElement.TryGetProperty(c.Name, out var messages)
                    ? messages.EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, m.GetProperty("text").GetString()!)).ToList()
                    : new List<(string, string)>();
                Compare(problems, c.Name + ", Dotprompt JS", expected, Describe(reference));
            }
        }

        var clean = new ParseCleanJsonBenchmarks();
        var reflection = JsonSerializer.Serialize(clean.SystemTextJsonReflection(), BenchmarkData.ReflectionOptions);
        Compare(problems, "generated Parse (clean JSON)", reflection, JsonSerializer.Serialize(clean.GeneratedParse(), BenchmarkData.ReflectionOptions));
        Compare(problems, "System.Text.Json source generator (clean JSON)", reflection, JsonSerializer.Serialize(clean.SystemTextJsonSourceGenerated(), TriageJsonContext.Configured.TriageDto));
        var malformed = new ParseMalformedBenchmarks();
        Compare(problems, "generated Parse (malformed output)", reflection, JsonSerializer.Serialize(malformed.GeneratedParse(), BenchmarkData.ReflectionOptions));

        // The corpus pass: TryParse and Parse agree with ParseToJson, whose recovery is compared with BAML's.
        var corpus = new ParseCorpusBenchmarks();
        var recovered = CorpusData.Malformed.Count(c => CorpusData.Descriptors[c.Shape].ParseToJson(c.ModelText).Success);
        Compare(problems, "generated TryParse (malformed corpus)", recovered.ToString(), corpus.GeneratedTryParse().ToString());
        Compare(problems, "generated Parse (malformed corpus)", recovered.ToString(), corpus.GeneratedParse().ToString());
        return problems;
    }

    private static string Describe(List<(string Role, string Text)> messages) =>
        string.Join("\n", messages.Select(m => $"[{m.Role}] {JsonSerializer.Serialize(m.Text)}"));

    private static void Compare(List<string> problems, string what, string expected, string actual)
    {
        if (expected != actual)
        {
            problems.Add($"{what} differs from the reference result.\n  expected: {expected}\n  actual:   {actual}");
        }
    }
}
