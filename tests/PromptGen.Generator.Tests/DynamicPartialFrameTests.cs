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
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;
using RenderOptions = runtime::PromptGen.Rendering.PromptRenderOptions;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Generated dynamic Render gives a partial made only of text and plain values no data frame (an <c>#each</c> run then
/// makes none), and every other partial the frame of where it is called: both must print what the run-time renderer
/// prints, <c>@index</c>, <c>@first</c>, <c>@last</c> and <c>@root</c> read inside partials included.
/// </summary>
public sealed class DynamicPartialFrameTests
{
    private static readonly Dictionary<string, string> s_partials = new(StringComparer.Ordinal)
    {
        ["plain"] = "- {{id}} {{title}} {{! a comment }}[{{meta.state}}]\n",
        ["indexed"] = "{{@index}}{{#if @first}}^{{/if}}{{#if @last}}${{/if}} {{id}} of {{@root.owner}}\n",
        ["nested"] = "{{> plain}}{{#each tags}}<{{@index}}:{{this}}>{{/each}}\n",
    };

    private const string Template =
        "{{role \"user\"}}{{#each items}}{{> plain}}{{> indexed}}{{> nested}}{{/each}}{{> indexed}}{{> plain}}";

    private static readonly string[] s_inputs =
    {
        """{"owner":"Zoë","items":[{"id":1,"title":"a","meta":{"state":"open"},"tags":["x","y"]},{"id":2,"title":"b"},{"id":3,"tags":[]}]}""",
        """{"items":[],"id":"root id","title":"root title"}""",
    };

    private static readonly Lazy<Type> s_compiled = new(Compile);

    public static IEnumerable<object[]> Cases() => Enumerable.Range(0, s_inputs.Length).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_equals_the_runtime_renderer(int input)
    {
        var render = s_compiled.Value.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) })!;
        var value = PromptJson.Parse(s_inputs[input]);
        var environment = new PromptEnvironment { Partials = PartialCatalog.FromTexts(s_partials) };
        var expected = PromptRenderer.Render("t.prompt", Source, PromptValue.Object(("input", value)), null, environment);
        Assert.False(expected.HasErrors, string.Join("\n", expected.Diagnostics));
        var expectedText = string.Join("|", expected.Messages.Select(m => m.Role + ":" + string.Concat(m.Content.Select(p => p.ToValue()["text"]?.AsString))));
        using var document = JsonDocument.Parse(s_inputs[input]);
        var actual = (IList<ChatMessage>)render.Invoke(null, new object?[] { document.RootElement, null })!;
        var actualText = string.Join("|", actual.Select(m => m.Role.Value + ":" + string.Concat(m.Contents.OfType<TextContent>().Select(c => c.Text))));
        Assert.Equal(expectedText, actualText);
    }

    [Fact]
    public void Only_the_partial_of_text_and_plain_values_is_called_without_a_frame()
    {
        var source = GeneratedSource();
        Assert.Contains("RenderPartial_plain_", source);
        Assert.All(source.Split('\n').Where(line => line.Contains("RenderPartial_") && line.Contains("(pw", StringComparison.Ordinal) && !line.Contains("private static")),
            call => Assert.Equal(call.Contains("RenderPartial_plain_", StringComparison.Ordinal), call.Contains("null!", StringComparison.Ordinal)));
    }

    private const string Source = "---\nname: dynamic_partial_frames\n---\n" + Template;

    private static GeneratorHarness Harness()
    {
        var files = new List<(string, string)> { (GeneratorHarness.PathOf("Dynamic/Frames.prompt"), Source) };
        files.AddRange(s_partials.Select(p => (GeneratorHarness.PathOf($"Dynamic/_{p.Key}.prompt"), p.Value)));
        var harness = GeneratorHarness.Create(files);
        harness.Run();
        return harness;
    }

    private static string GeneratedSource() =>
        Harness().OutputCompilation!.SyntaxTrees.Select(t => t.ToString()).Single(t => t.Contains("\"dynamic_partial_frames\"", StringComparison.Ordinal));

    private static Type Compile()
    {
        var harness = Harness();
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("dynamic-partial-frames", isCollectible: true).LoadFromStream(stream);
        return assembly.GetTypes().Single(t => t.GetField("PromptName")?.GetValue(null) is "dynamic_partial_frames");
    }
}
