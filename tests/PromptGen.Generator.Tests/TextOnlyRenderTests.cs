using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PromptGen.Generator.Tests.Infrastructure;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Generated Render turns output holding only text and role markers into messages in one pass and reuses its writer
/// per thread; both must give exactly the run-time renderer's messages, render after render.
/// </summary>
public sealed class TextOnlyRenderTests
{
    private static readonly string[] s_templates =
    {
        "{{role \"system\"}}\n  \n{{role \"user\"}}hi{{role \"model\"}}   {{role \"user\"}}x {{kind}}",
        "lead {{kind}}{{role \"system\"}}A{{role kind}}B{{role kind}}\n",
        "Hello {{kind}}",
        "  \n ",
        "{{role kind}}{{kind}}{{role \"model\"}}{{role \"system\"}}tail",
    };

    private static readonly string[] s_kinds = { "user", "user\n", "Bad", "", "tool", " ", "model" };

    private static readonly Lazy<List<Type>> s_compiled = new(Compile);

    public static IEnumerable<object[]> Cases() =>
        Enumerable.Range(0, s_templates.Length).SelectMany(t => s_kinds.Select(k => new object[] { t, k }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_equals_the_runtime_renderer_on_repeated_renders(int template, string kind)
    {
        var input = PromptValue.Object(("kind", PromptValue.String(kind)));
        var expected = RenderComparison.RuntimeText(Source(template), input);
        for (var round = 0; round < 3; round++)
        {
            using var document = JsonDocument.Parse(PromptJson.Serialize(input));
            Assert.Equal(expected, RenderComparison.GeneratedText(s_compiled.Value[template], document.RootElement.Clone()));
        }
    }

    private static string Source(int index) =>
        $"---\nname: text_only_{index}\ninput:\n  schema:\n    kind: string\n---\n{s_templates[index]}";

    private static List<Type> Compile()
    {
        var harness = GeneratorHarness.Create(Enumerable.Range(0, s_templates.Length).Select(i => (GeneratorHarness.PathOf($"TextOnly/T{i}.prompt"), Source(i))));
        var byName = RenderComparison.CompilePrompts(harness, "text-only");
        var types = Enumerable.Range(0, s_templates.Length).Select(i => byName[$"text_only_{i}"]).ToList();
        // Typed: the template compiled into Render itself, no dynamic RenderTemplate behind it.
        Assert.All(types, t => Assert.Null(t.GetMethod("RenderTemplate", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)));
        return types;
    }
}
