using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Generator.Tests.Infrastructure;
using PromptGen.Language.Semantics;

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
        RenderComparison.AssertSameAsRuntime(s_compiled.Value, Source, s_inputs[input], PartialCatalog.FromTexts(s_partials));
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
        return GeneratorHarness.Create(files);
    }

    private static string GeneratedSource()
    {
        var harness = Harness();
        harness.Run();
        return harness.OutputCompilation!.SyntaxTrees.Select(t => t.ToString()).Single(t => t.Contains("\"dynamic_partial_frames\"", StringComparison.Ordinal));
    }

    private static Type Compile() => RenderComparison.CompilePrompts(Harness(), "dynamic-partial-frames")["dynamic_partial_frames"];
}
