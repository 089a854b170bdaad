extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;
using RenderOptions = runtime::PromptGen.Rendering.PromptRenderOptions;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Templates whose expansion doubles at every level (a partial that includes the next one twice) must neither hang the
/// build nor generate exponential code: the typed emitter stops inlining and the prompt compiles one method per partial.
/// </summary>
public sealed class BoundedWorkTests
{
    private static IEnumerable<(string Path, string Text)> DoublingChain(int length)
    {
        yield return (GeneratorHarness.PathOf("Chain/Main.prompt"), "---\nname: chain\ninput:\n  schema:\n    who: string\n---\n{{who}} {{> p0}}");
        for (var i = 0; i < length; i++) yield return (GeneratorHarness.PathOf($"Chain/_p{i}.prompt"), $"p{i} {{{{> p{i + 1}}}}} {{{{> p{i + 1}}}}}");
        yield return (GeneratorHarness.PathOf($"Chain/_p{length}.prompt"), "end");
    }

    [Theory]
    [InlineData(14)] // shallow enough that unbounded inlining would write 2^14 copies of the chain
    [InlineData(40)]
    public void A_doubling_partial_chain_compiles_to_code_linear_in_its_size(int length)
    {
        var harness = GeneratorHarness.Create(DoublingChain(length));
        var result = harness.Run();

        Assert.Empty(harness.CompilationErrors());
        var source = Assert.Single(result.PromptSources()).SourceText.ToString();
        // Linear: one method per partial, instead of a copy of the chain at every include.
        Assert.True(source.Length < 60_000, $"generated {source.Length} characters");
        Assert.Equal(length + 1, source.Split(new[] { "private static void RenderPartial_" }, StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public void Rendering_a_doubling_chain_stops_with_a_clear_error_instead_of_exhausting_memory()
    {
        var harness = GeneratorHarness.Create(DoublingChain(40));
        harness.Run();
        using var stream = new MemoryStream();
        Assert.True(harness.OutputCompilation!.Emit(stream).Success);
        var assembly = new AssemblyLoadContext("bounded", isCollectible: true).LoadFromStream(new MemoryStream(stream.ToArray()));
        var type = assembly.GetTypes().Single(t => t.Name == "ChainPrompt");
        var render = type.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) })!;
        using var input = JsonDocument.Parse("{\"who\":\"Ann\"}");

        var error = Assert.Throws<TargetInvocationException>(() => render.Invoke(null, new object?[] { input.RootElement.Clone(), null })).InnerException;
        Assert.IsAssignableFrom<InvalidOperationException>(error);
        Assert.Contains("too large", error!.Message);
    }
}
