extern alias runtime;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;
using RenderOptions = runtime::PromptGen.Rendering.PromptRenderOptions;

namespace PromptGen.Generator.Tests.Infrastructure;

/// <summary>
/// Generated <c>Render(JsonElement)</c> against the run-time renderer: the generated code is compiled and loaded as an
/// application would load it, and both renders are written as <c>role:text|role:text</c> for one comparison.
/// </summary>
internal static class RenderComparison
{
    /// <summary>Runs the generator, compiles its output and returns the prompt classes by their <c>PromptName</c>.</summary>
    public static Dictionary<string, System.Type> CompilePrompts(GeneratorHarness harness, string contextName)
    {
        harness.Run();
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext(contextName, isCollectible: true).LoadFromStream(stream);
        return assembly.GetTypes().Where(t => t.GetField("PromptName") is not null)
            .ToDictionary(t => (string)t.GetField("PromptName")!.GetValue(null)!);
    }

    /// <summary>
    /// Compiles one <c>.prompt</c> file without an input schema at <paramref name="path"/> and returns its prompt class,
    /// after checking that its template took the dynamic path (a <c>RenderTemplate</c> over template values).
    /// </summary>
    public static System.Type CompileDynamic(string path, string source, string promptName)
    {
        var type = CompilePrompts(GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf(path), source) }), promptName)[promptName];
        Assert.NotNull(type.GetMethod("RenderTemplate", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static));
        return type;
    }

    /// <summary>Asserts that generated <c>Render(JsonElement)</c> of <paramref name="inputJson"/> gives the run-time renderer's messages.</summary>
    public static void AssertSameAsRuntime(System.Type prompt, string source, string inputJson, IPartialResolver? partials = null)
    {
        var expected = RuntimeText(source, PromptJson.Parse(inputJson), partials);
        using var document = JsonDocument.Parse(inputJson);
        Assert.Equal(expected, GeneratedText(prompt, document.RootElement));
    }

    /// <summary>The run-time renderer's messages for <paramref name="source"/> (a whole <c>.prompt</c> file) and <paramref name="input"/>.</summary>
    public static string RuntimeText(string source, PromptValue input, IPartialResolver? partials = null)
    {
        var rendered = PromptRenderer.Render("t.prompt", source, PromptValue.Object(("input", input)), null, new PromptEnvironment { Partials = partials });
        Assert.False(rendered.HasErrors, string.Join("\n", rendered.Diagnostics));
        return string.Join("|", rendered.Messages.Select(m => m.Role + ":" + string.Concat(m.Content.Select(p => p.ToValue()["text"]?.AsString))));
    }

    /// <summary>The messages of the generated <c>Render(JsonElement, PromptRenderOptions?)</c> of <paramref name="prompt"/>.</summary>
    public static string GeneratedText(System.Type prompt, JsonElement input)
    {
        var render = prompt.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) })!;
        var messages = (IList<ChatMessage>)render.Invoke(null, new object?[] { input, null })!;
        return string.Join("|", messages.Select(m => (m.Role == ChatRole.Assistant ? "model" : m.Role.Value) + ":" +
            string.Concat(m.Contents.OfType<TextContent>().Select(c => c.Text))));
    }
}
