using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>Before timing anything: the compared engines must produce the same result, or the numbers mean nothing.</summary>
internal static class EquivalenceCheck
{
    public static List<string> Run()
    {
        var problems = new List<string>();

        var render = new RenderBenchmarks();
        var expected = Describe(render.HandWritten());
        Compare(problems, "generated Render", expected, Describe(render.GeneratedRender()));
        Compare(problems, "Handlebars.Net", expected, Describe(render.HandlebarsNet()));

        var clean = new ParseCleanJsonBenchmarks();
        var reflection = JsonSerializer.Serialize(clean.SystemTextJsonReflection(), BenchmarkData.ReflectionOptions);
        Compare(problems, "generated Parse (clean JSON)", reflection, JsonSerializer.Serialize(clean.GeneratedParse(), BenchmarkData.ReflectionOptions));
        Compare(problems, "generated Parse (malformed output)", reflection, JsonSerializer.Serialize(new ParseMalformedBenchmarks().GeneratedParse(), BenchmarkData.ReflectionOptions));
        return problems;
    }

    private static string Describe(IList<ChatMessage> messages) =>
        string.Join("\n", messages.Select(m => $"[{m.Role.Value}] {JsonSerializer.Serialize(m.Text)}"));

    private static void Compare(List<string> problems, string what, string expected, string actual)
    {
        if (expected != actual)
        {
            problems.Add($"{what} differs from the reference result.\n  expected: {expected}\n  actual:   {actual}");
        }
    }
}
