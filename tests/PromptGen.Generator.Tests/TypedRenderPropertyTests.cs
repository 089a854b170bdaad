extern alias runtime;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.AI;
using PromptGen.Generator.Tests.Infrastructure;
using PromptGen.Language.Semantics;
using PromptGen.Language.Documents;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;
using RenderOptions = runtime::PromptGen.Rendering.PromptRenderOptions;

namespace PromptGen.Generator.Tests;

/// <summary>
/// The issue's acceptance property: for seeded random inputs generated from each differential-corpus prompt's input
/// schema, the generated (typed) Render produces exactly the messages of the run-time renderer for the same input JSON.
/// All corpus prompts and partials are compiled in one generator run.
/// </summary>
public sealed class TypedRenderPropertyTests
{
    private const int InputsPerPrompt = 20;

    private sealed record CorpusPrompt(string Name, string Path, string Text, PromptValue InputSchema, Type Generated);

    private static readonly Lazy<(List<CorpusPrompt> Prompts, PartialCatalog Partials)> s_corpus = new(CompileCorpus);

    public static IEnumerable<object[]> PromptNames() => SchemaPromptFiles().Select(f => new object[] { System.IO.Path.GetFileNameWithoutExtension(f) });

    [Theory]
    [MemberData(nameof(PromptNames))]
    public void Typed_render_equals_the_runtime_renderer_for_random_inputs(string name)
    {
        var (prompts, partials) = s_corpus.Value;
        var prompt = prompts.Single(p => p.Name == name);
        var render = prompt.Generated.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) })!;
        var random = new Random(StableSeed(name));
        for (var i = 0; i < InputsPerPrompt; i++)
        {
            // As an application passes it: input.default is applied by each side itself.
            var input = RandomJson.ForSchema(prompt.InputSchema, random, 0);
            var json = PromptJson.Serialize(input);
            var expected = PromptRenderer.Render(prompt.Path, prompt.Text, PromptValue.Object(("input", input)), null, new PromptEnvironment { Partials = partials });
            Assert.False(expected.HasErrors, string.Join("\n", expected.Diagnostics));
            IList<ChatMessage> actual;
            using (var document = JsonDocument.Parse(json))
            {
                try
                {
                    actual = (IList<ChatMessage>)render.Invoke(null, new object?[] { document.RootElement.Clone(), null })!;
                }
                catch (TargetInvocationException exception) when (exception.InnerException is runtime::PromptGen.PromptMediaException)
                {
                    // A media part that no provider could send (random strings are not URLs): Render refuses it, and the
                    // run-time renderer's messages must hold such a part.
                    Assert.True(expected.Messages.SelectMany(m => m.Content).Any(Unsendable), $"Input {json}: {exception.InnerException.Message}");
                    continue;
                }
                catch (TargetInvocationException exception)
                {
                    throw new InvalidOperationException($"Input {json} failed: {exception.InnerException}");
                }
            }

            var expectedText = WithoutDataUriHeaders(PromptJson.Serialize(PromptValue.Array(expected.Messages.Select(Normalize)), sortKeys: true));
            var actualText = WithoutDataUriHeaders(PromptJson.Serialize(PromptValue.Array(actual.Select(FromChatMessage)), sortKeys: true));
            Assert.True(expectedText == actualText, $"Input: {json}\nExpected: {expectedText}\nActual:   {actualText}");
        }
    }

    [Fact]
    public void Most_corpus_prompts_with_input_schemas_compile_to_typed_code()
    {
        var (prompts, _) = s_corpus.Value;
        // A dynamic render goes through the private RenderTemplate; a typed one compiles the template into Render itself
        // (or into RenderTyped when input defaults are filled in first).
        var typed = prompts.Where(p => p.Generated.GetMethod("RenderTemplate", BindingFlags.NonPublic | BindingFlags.Static) is null).Select(p => p.Name).ToList();
        var dynamic = prompts.Select(p => p.Name).Except(typed).ToList();
        Assert.True(typed.Count * 3 >= prompts.Count * 2, $"Typed: {typed.Count}/{prompts.Count}. Dynamic: {string.Join(", ", dynamic)}");
    }

    private static int StableSeed(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text) hash = hash * 31 + c;
            return hash;
        }
    }

    private static string CorpusFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "tests", "differential");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException("tests/differential was not found.");
    }

    private static IEnumerable<string> SchemaPromptFiles() =>
        Directory.GetFiles(CorpusFolder(), "*.prompt")
            .Where(f => !System.IO.Path.GetFileName(f).StartsWith("_", StringComparison.Ordinal))
            .Where(f => PromptDocumentParser.Parse(f, File.ReadAllText(f)).Metadata.InputSchema is not null)
            .OrderBy(f => f, StringComparer.Ordinal);

    private static (List<CorpusPrompt>, PartialCatalog) CompileCorpus()
    {
        var folder = CorpusFolder();
        var files = Directory.GetFiles(folder, "*.prompt").OrderBy(f => f, StringComparer.Ordinal).ToList();
        var harness = GeneratorHarness.Create(files.Select(f => (GeneratorHarness.PathOf("Diff/" + System.IO.Path.GetFileName(f)), File.ReadAllText(f))));
        harness.Run();
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
        stream.Position = 0;
        var assembly = new AssemblyLoadContext("differential", isCollectible: true).LoadFromStream(stream);
        var byFile = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var summary = type.GetField("PromptName") is null ? null : type;
            if (summary is null) continue;
            var method = type.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) });
            if (method is not null) byFile[(string)type.GetField("PromptName")!.GetValue(null)!] = type;
        }

        var prompts = new List<CorpusPrompt>();
        foreach (var file in SchemaPromptFiles())
        {
            var text = File.ReadAllText(file);
            var document = PromptDocumentParser.Parse(file, text);
            var promptName = document.Metadata.Name ?? System.IO.Path.GetFileNameWithoutExtension(file);
            Assert.True(byFile.TryGetValue(promptName, out var type), $"No generated class for {promptName}: {string.Join(", ", byFile.Keys)}");
            prompts.Add(new CorpusPrompt(System.IO.Path.GetFileNameWithoutExtension(file), file, text, document.Metadata.InputSchema!, type!));
        }

        var partials = files.Where(f => System.IO.Path.GetFileName(f).StartsWith("_", StringComparison.Ordinal))
            .ToDictionary(f => System.IO.Path.GetFileNameWithoutExtension(f).Substring(1), File.ReadAllText);
        return (prompts, PartialCatalog.FromTexts(partials));
    }

    /// <summary>A media part whose type cannot be decided, whose URL is not absolute, or whose content type is no media type.</summary>
    private static bool Unsendable(PromptPart part) =>
        part is MediaPart media &&
        (MediaTypes.Resolve(media.Url, media.ContentType).Problem is not null || (!string.IsNullOrEmpty(media.ContentType) && !MediaTypes.IsValid(media.ContentType!)));

    /// <summary>
    /// A <c>DataContent</c> writes its URI's header with the declared content type (<c>contentType="image/webp"</c> on a
    /// <c>data:image/png</c> URI); the bytes and the declared type are compared, not the header.
    /// </summary>
    private static string WithoutDataUriHeaders(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"url\":\"data:[^,\"]*,", "\"url\":\"data:...,");

    private static PromptValue Normalize(PromptMessage message) =>
        PromptValue.Object(("role", PromptValue.String(message.Role)), ("content", message.ToValue()["content"] ?? PromptValue.Array(Array.Empty<PromptValue>())));

    private static PromptValue FromChatMessage(ChatMessage message)
    {
        var role = message.Role == ChatRole.Assistant ? "model" : message.Role.Value;
        var parts = new List<PromptValue>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(PromptValue.Object(("text", PromptValue.String(text.Text))));
                    break;
                case UriContent uri:
                    var unspecified = uri.AdditionalProperties?.ContainsKey("contentTypeUnspecified") == true;
                    parts.Add(unspecified
                        ? PromptValue.Object(("media", PromptValue.Object(("url", PromptValue.String(uri.Uri.OriginalString)))))
                        : PromptValue.Object(("media", PromptValue.Object(("url", PromptValue.String(uri.Uri.OriginalString)), ("contentType", PromptValue.String(uri.MediaType))))));
                    break;
                case DataContent data:
                    parts.Add(data.AdditionalProperties?.ContainsKey("contentTypeUnspecified") == true
                        ? PromptValue.Object(("media", PromptValue.Object(("url", PromptValue.String(data.Uri)))))
                        : PromptValue.Object(("media", PromptValue.Object(("url", PromptValue.String(data.Uri)), ("contentType", PromptValue.String(data.MediaType))))));
                    break;
                default:
                    if (content.RawRepresentation is string raw) parts.Add(PromptJson.Parse(raw));
                    else if (content.AdditionalProperties?.TryGetValue("mediaUrl", out var url) == true)
                    {
                        var media = new List<KeyValuePair<string, PromptValue>> { new("url", PromptValue.String((string)url!)) };
                        if (content.AdditionalProperties["contentType"] is string type) media.Add(new KeyValuePair<string, PromptValue>("contentType", PromptValue.String(type)));
                        parts.Add(PromptValue.Object(("media", PromptValue.Object(media))));
                    }
                    else if (content.AdditionalProperties?.TryGetValue("pending", out var pending) == true && pending is true)
                    {
                        parts.Add(PromptValue.Object(("metadata", PromptValue.Object(("purpose", PromptValue.String((string)content.AdditionalProperties["purpose"]!)), ("pending", PromptValue.True)))));
                    }

                    break;
            }
        }

        return PromptValue.Object(("role", PromptValue.String(role)), ("content", PromptValue.Array(parts)));
    }
}
