extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;
using PromptGen.Generator.Tests.Infrastructure;
using PromptGen.Language.Prompts;
using PromptGen.Language.Values;
using RenderOptions = runtime::PromptGen.Rendering.PromptRenderOptions;

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
        var render = s_compiled.Value[template].GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) })!;
        var input = PromptValue.Object(("kind", PromptValue.String(kind)));
        var expected = PromptRenderer.Render("t.prompt", Source(template), PromptValue.Object(("input", input)), null, new PromptEnvironment());
        Assert.False(expected.HasErrors, string.Join("\n", expected.Diagnostics));
        var expectedText = string.Join("|", expected.Messages.Select(m => m.Role + ":" + string.Concat(m.Content.Select(p => p.ToValue()["text"]?.AsString))));
        for (var round = 0; round < 3; round++)
        {
            using var document = JsonDocument.Parse(PromptJson.Serialize(input));
            var actual = (IList<ChatMessage>)render.Invoke(null, new object?[] { document.RootElement.Clone(), null })!;
            var actualText = string.Join("|", actual.Select(m => (m.Role == ChatRole.Assistant ? "model" : m.Role.Value) + ":" + string.Concat(m.Contents.OfType<TextContent>().Select(c => c.Text))));
            Assert.Equal(expectedText, actualText);
        }
    }

    private static string Source(int index) =>
        $"---\nname: text_only_{index}\ninput:\n  schema:\n    kind: string\n---\n{s_templates[index]}";

    private static List<Type> Compile()
    {
        var harness = GeneratorHarness.Create(Enumerable.Range(0, s_templates.Length).Select(i => (GeneratorHarness.PathOf($"TextOnly/T{i}.prompt"), Source(i))));
        harness.Run();
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("text-only", isCollectible: true).LoadFromStream(stream);
        var byName = assembly.GetTypes().Where(t => t.GetField("PromptName") is not null)
            .ToDictionary(t => (string)t.GetField("PromptName")!.GetValue(null)!);
        var types = Enumerable.Range(0, s_templates.Length).Select(i => byName[$"text_only_{i}"]).ToList();
        // Typed: the template compiled into Render itself, no dynamic RenderTemplate behind it.
        Assert.All(types, t => Assert.Null(t.GetMethod("RenderTemplate", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)));
        return types;
    }
}
