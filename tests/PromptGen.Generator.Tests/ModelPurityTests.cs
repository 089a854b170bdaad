using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>Step outputs must be plain values: holding Roslyn objects would defeat caching and keep compilations alive.</summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] s_forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(AdditionalText), typeof(SemanticModel), typeof(Location) };

    [Fact]
    public void No_step_output_reaches_a_roslyn_object()
    {
        var harness = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("Prompts/Support/Triage.prompt"), TestPrompts.Triage),
            (GeneratorHarness.PathOf("Prompts/Summarize.prompt"), TestPrompts.Summarize),
        });
        var result = harness.Run();

        var walked = 0;
        // Only PromptGen's own steps: the driver also tracks its input nodes (which hold AdditionalText by design).
        foreach (var step in result.TrackedSteps.Where(s => TrackingNames.All.Contains(s.Key)))
        {
            foreach (var output in step.Value.SelectMany(run => run.Outputs))
            {
                walked += Walk(output.Value, step.Key, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
            }
        }

        Assert.True(walked > 50, "the walk should visit the models' values");
    }

    [Fact]
    public void The_walk_detects_a_forbidden_object()
    {
        var text = new InMemoryAdditionalText("/x.prompt", "");

        Assert.ThrowsAny<Exception>(() => Walk(new { Nested = new List<object> { text } }, "test", new HashSet<object>(ReferenceEqualityComparer.Instance), 0));
    }

    private static int Walk(object? value, string path, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 100) return 0;
        var type = value.GetType();
        Assert.False(s_forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.FullName}");
        if (type.IsPrimitive || type.IsEnum || value is string || value is decimal || type.IsPointer) return 1;
        if (!type.IsValueType && !seen.Add(value)) return 0;
        var count = 1;
        if (value is IEnumerable items)
        {
            foreach (var item in items) count += Walk(item, path + "[]", seen, depth + 1);
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike) continue;
                count += Walk(field.GetValue(value), path + "." + field.Name, seen, depth + 1);
            }
        }

        return count;
    }
}
