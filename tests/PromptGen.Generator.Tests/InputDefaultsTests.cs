extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;
using PromptGen.Generator.Tests.Infrastructure;
using PromptGen.Language.Prompts;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Tests;

/// <summary>
/// <c>input.default</c> in generated code: an application calls the generated API without the defaulted fields (typed
/// <c>Render</c>, the extension method, <c>Render(JsonElement)</c>) and gets exactly the messages of the run-time
/// renderer for the same file and input. Typed templates, dynamic ones and prompts without an input schema.
/// </summary>
public sealed class InputDefaultsTests
{
    private const string Fields = """
        input:
          schema:
            name: string
            tone?: string, how it sounds
            marks?: integer
            ratio?: number
            loud?: boolean
            mood?(enum): [calm, over-the-moon]
            tags?(array): string
            place?(object):
              city: string
            closing: string
          default:
            tone: friendly
            marks: 2
            ratio: 0.5
            loud: true
            mood: over-the-moon
            tags: [warm, short]
            place: {city: Oslo}
            closing: Bye
        """;

    private const string Body = "Hello {{name}}: {{tone}} {{marks}} {{ratio}} {{loud}} {{mood}}{{#each tags}} [{{this}}]{{/each}} {{place.city}} {{closing}}";

    private static readonly string s_typed = $"---\n{Fields}\n---\n{Body}";

    // A subexpression keeps this template on the dynamic (untyped) render path.
    private static readonly string s_dynamic = $"---\n{Fields}\n---\n{Body}{{{{#if (lookup this \"tone\")}}}}!{{{{/if}}}}";

    private const string Untyped = """
        ---
        input:
          default:
            tone: friendly
            tags: [a, b]
        ---
        Hello {{name}} in a {{tone}} tone.{{#each tags}} {{this}}{{/each}}
        """;

    private const string Application = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using Acme.Support.Prompts;

        namespace Acme.Support.App;

        public static class Calls
        {
            public static IList<ChatMessage> Typed() => TypedPrompt.Render(new TypedPrompt.Input("Ann"));

            public static Task<PromptGen.PromptResult<string>> TypedRun(IChatClient client) => client.TypedAsync("Ann");

            public static IList<ChatMessage> TypedJson(JsonElement input) => TypedPrompt.Render(input);

            public static IList<ChatMessage> Dynamic() => DynamicPrompt.Render(new DynamicPrompt.Input("Ann"));

            public static Task<PromptGen.PromptResult<string>> DynamicRun(IChatClient client) => client.DynamicAsync("Ann");

            public static IList<ChatMessage> DynamicJson(JsonElement input) => DynamicPrompt.Render(input);

            public static IList<ChatMessage> Untyped() => UntypedPrompt.Render(new UntypedPrompt.Input());

            public static IList<ChatMessage> UntypedJson(JsonElement input) => UntypedPrompt.Render(input);
        }
        """;

    private static readonly Lazy<(GeneratorHarness Harness, Type Calls)> s_compiled = new(Compile);

    [Theory]
    [InlineData("Typed")]
    [InlineData("Dynamic")]
    public void Render_of_an_input_without_the_defaulted_fields_matches_the_runtime_renderer(string prompt)
    {
        var actual = Invoke(prompt);

        Assert.Equal(Expected(prompt, """{"name":"Ann"}"""), actual);
        Assert.Contains("friendly 2 0.5 true over-the-moon [warm] [short] Oslo Bye", actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Typed")]
    [InlineData("Dynamic")]
    public async Task The_extension_method_without_the_optional_arguments_sends_what_the_runtime_renderer_renders(string prompt)
    {
        var client = new RecordingClient();

        await (Task)s_compiled.Value.Calls.GetMethod(prompt + "Run")!.Invoke(null, new object[] { client })!;

        Assert.Equal(Expected(prompt, """{"name":"Ann"}"""), Text(Assert.Single(client.Requests)));
    }

    [Theory]
    [InlineData("Typed", """{"name":"Ann"}""")]
    [InlineData("Typed", """{"name":"Ann","tone":"formal","tags":[]}""")]
    [InlineData("Typed", """{"name":"Ann","tone":null,"place":null}""")]
    [InlineData("Dynamic", """{"name":"Ann"}""")]
    [InlineData("Dynamic", """{"name":"Ann","tone":null,"marks":7}""")]
    [InlineData("Untyped", """{"name":"Ann"}""")]
    [InlineData("Untyped", """{"name":"Ann","tone":"dry","tags":null}""")]
    [InlineData("Untyped", """[1]""")]
    public void Render_of_json_input_matches_the_runtime_renderer(string prompt, string json)
    {
        using var document = JsonDocument.Parse(json);

        var actual = Invoke(prompt + "Json", document.RootElement.Clone());

        Assert.Equal(Expected(prompt, json), actual);
    }

    [Fact]
    public void Render_of_the_empty_input_of_a_prompt_without_schema_applies_the_defaults()
    {
        Assert.Equal(Expected("Untyped", "{}"), Invoke("Untyped"));
    }

    [Fact]
    public void Defaulted_fields_are_optional_parameters_documented_with_their_default()
    {
        var source = s_compiled.Value.Harness.OutputCompilation!.SyntaxTrees.Single(t => t.FilePath.EndsWith("TypedPrompt.g.cs", StringComparison.Ordinal)).ToString();

        Assert.Contains("string? Tone = \"friendly\",", source, StringComparison.Ordinal);
        Assert.Contains("long? Marks = 2,", source, StringComparison.Ordinal);
        Assert.Contains("double? Ratio = 0.5,", source, StringComparison.Ordinal);
        Assert.Contains("bool? Loud = true,", source, StringComparison.Ordinal);
        Assert.Contains("Mood? Mood = global::Acme.Support.Prompts.TypedPrompt.Mood.OverTheMoon,", source, StringComparison.Ordinal);
        Assert.Contains("IReadOnlyList<string>? Tags = null,", source, StringComparison.Ordinal);
        Assert.Contains("string Closing = \"Bye\");", source, StringComparison.Ordinal);
        Assert.Contains("/// <param name=\"Tone\">how it sounds. Default: <c>friendly</c>.</param>", source, StringComparison.Ordinal);
        Assert.Contains("/// <param name=\"tags\">Default: <c>[\"warm\",\"short\"]</c>.</param>", source, StringComparison.Ordinal);
    }

    private static string Invoke(string method, params object[] arguments)
    {
        var messages = (IList<ChatMessage>)s_compiled.Value.Calls.GetMethod(method)!.Invoke(null, arguments)!;
        return Text(messages);
    }

    private static string Text(IEnumerable<ChatMessage> messages) => string.Join("\n", messages.Select(m => m.Role.Value + ": " + m.Text));

    /// <summary>What the run-time renderer makes of the same file and input.</summary>
    private static string Expected(string prompt, string inputJson)
    {
        var text = prompt switch { "Typed" => s_typed, "Dynamic" => s_dynamic, _ => Untyped };
        var rendered = PromptRenderer.Render(prompt + ".prompt", text, PromptValue.Object(("input", PromptJson.Parse(inputJson))));
        Assert.False(rendered.HasErrors, string.Join("\n", rendered.Diagnostics));
        var messages = rendered.Messages.Select(m =>
            (m.Role == "model" ? "assistant" : m.Role) + ": " + string.Concat(m.ToValue()["content"]!.Items.Select(p => p["text"]?.AsString ?? string.Empty)));
        return string.Join("\n", messages);
    }

    private static (GeneratorHarness, Type) Compile()
    {
        var harness = GeneratorHarness.Create(
            new[]
            {
                (GeneratorHarness.PathOf("Prompts/Typed.prompt"), s_typed),
                (GeneratorHarness.PathOf("Prompts/Dynamic.prompt"), s_dynamic),
                (GeneratorHarness.PathOf("Prompts/Untyped.prompt"), Untyped),
            },
            csharpSources: new[] { Application });
        harness.Run();
        var errors = harness.CompilationErrors();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var source = harness.OutputCompilation!.SyntaxTrees.Single(t => t.FilePath.EndsWith("DynamicPrompt.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains("RenderTemplate(", source, StringComparison.Ordinal);
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("defaults", isCollectible: true).LoadFromStream(stream);
        return (harness, assembly.GetType("Acme.Support.App.Calls", throwOnError: true)!);
    }

    private sealed class RecordingClient : IChatClient
    {
        public List<IList<ChatMessage>> Requests { get; } = new();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Requests.Add(messages.ToList());
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hi")));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages,
            ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var response = await GetResponseAsync(messages, options, cancellationToken);
            foreach (var update in response.ToChatResponseUpdates()) yield return update;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
