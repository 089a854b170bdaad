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
using PromptGen.Generator.Models;
using PromptGen.Generator.Parsing;
using PromptGen.Generator.Tests.Infrastructure;
using PromptGen.Language.Documents;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;
using RenderOptions = runtime::PromptGen.Rendering.PromptRenderOptions;

namespace PromptGen.Generator.Tests;

/// <summary>
/// The Dotprompt spec suite through generated code: every suite's template is compiled by the generator (all suites
/// without partials in one compilation, each in its own namespace), and each case's messages come from the generated
/// <c>Render(JsonElement, PromptRenderOptions)</c>. Templates are compiled untyped here: the input is passed as given.
/// </summary>
public sealed class GeneratedConformanceTests
{
    private sealed record Case(string Name, int Suite, PromptValue SuiteValue, PromptValue Test);

    private static readonly Lazy<(List<Case> Cases, Dictionary<int, Assembly> Assemblies)> s_compiled = new(CompileAll);

    public static IEnumerable<object[]> CaseNames() => LoadCases().Select(c => new object[] { c.Name });

    [Fact]
    public void All_117_cases_are_found() => Assert.Equal(117, LoadCases().Count);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_render_matches_the_spec(string name)
    {
        var (cases, assemblies) = s_compiled.Value;
        var testCase = cases.Single(c => c.Name == name);
        var suite = testCase.SuiteValue;
        var test = testCase.Test;
        var data = Overlay(suite["data"], test["data"]);
        var input = data["input"] ?? PromptValue.EmptyObject();
        // Render-time option defaults are the caller's: it passes them with its input. The frontmatter's are the
        // generated code's business.
        var optionDefaults = test["options"]?["input"]?["default"];
        if (optionDefaults is { Kind: PromptValueKind.Object } && input.Kind == PromptValueKind.Object) input = Overlay(optionDefaults, input);

        var options = new RenderOptions
        {
            History = data["messages"] is { Kind: PromptValueKind.Array } messages ? messages.Items.Select(ToChatMessage).ToList() : null,
            Context = data["context"] is { } context ? Element(context) : null,
            Docs = data["docs"] is { } docs ? Element(docs) : null,
        };
        var type = assemblies[testCase.Suite].GetType($"Acme.Support.Conf.S{testCase.Suite}.PPrompt", throwOnError: true)!;
        var render = type.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) })!;
        var result = (IList<ChatMessage>)render.Invoke(null, new object?[] { Element(input), options })!;

        var actual = PromptValue.Array(result.Select(FromChatMessage));
        var expected = test["expect"]!["messages"] ?? PromptValue.Array(Array.Empty<PromptValue>());
        Assert.Equal(PromptJson.Serialize(expected, sortKeys: true), PromptJson.Serialize(actual, sortKeys: true));
    }

    private static (List<Case>, Dictionary<int, Assembly>) CompileAll()
    {
        var cases = LoadCases();
        var suites = cases.GroupBy(c => c.Suite).Select(g => (Index: g.Key, Value: g.First().SuiteValue)).ToList();
        var assemblies = new Dictionary<int, Assembly>();
        static bool HasPartials(PromptValue suite) => suite["partials"] is not null || suite["resolverPartials"] is not null;

        var batches = new List<List<(int Index, PromptValue Value)>> { suites.Where(s => !HasPartials(s.Value)).ToList() };
        batches.AddRange(suites.Where(s => HasPartials(s.Value)).Select(s => new List<(int, PromptValue)> { s }));
        using var parser = PromptFileParser.OverrideForTesting(ToDocumentModel);
        foreach (var batch in batches)
        {
            var files = new List<(string Path, string Text)>();
            foreach (var (index, suite) in batch)
            {
                files.Add((GeneratorHarness.PathOf($"Conf/S{index}/p.prompt"), suite["template"]!.AsString));
                foreach (var key in new[] { "partials", "resolverPartials" })
                {
                    if (suite[key] is not { Kind: PromptValueKind.Object } partials) continue;
                    foreach (var partial in partials.Properties) files.Add((GeneratorHarness.PathOf($"Conf/S{index}/_{partial.Key}.prompt"), partial.Value.AsString));
                }
            }

            var harness = GeneratorHarness.Create(files);
            harness.Run();
            var errors = harness.CompilationErrors();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
            using var stream = new MemoryStream();
            var emitted = harness.OutputCompilation!.Emit(stream);
            Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20)));
            stream.Position = 0;
            var assembly = new AssemblyLoadContext("conformance", isCollectible: true).LoadFromStream(stream);
            foreach (var (index, _) in batch) assemblies[index] = assembly;
        }

        return (cases, assemblies);
    }

    /// <summary>The real document front end; the input schema is left out so the template renders its input (with its defaults) as given.</summary>
    private static PromptDocumentModel ToDocumentModel(string path, string text)
    {
        // Schemas are left out on purpose: spec inputs are rendered through the untyped (JsonElement) path.
        var document = PromptDocumentParser.Parse(path, text);
        var template = PromptGen.Language.Templates.TemplateParser.Parse(document.Template).Template;
        return new PromptDocumentModel
        {
            Path = path,
            InputDefault = document.Metadata.InputDefault,
            Template = document.Template,
            TemplateOffset = document.TemplateStart,
            ReferencedPartials = PromptGen.Generator.Parsing.TemplateReferences.Partials(template).ToEquatableArray(),
        };
    }

    private static List<Case> LoadCases()
    {
        var folder = FindSuiteFolder() ?? throw new InvalidOperationException("The Dotprompt spec suite was not found.");
        var cases = new List<Case>();
        var suiteIndex = 0;
        foreach (var file in Directory.GetFiles(folder, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            foreach (var suite in YamlFrontmatterReader.Read(File.ReadAllText(file), file).Root!.Value.Items)
            {
                suiteIndex++;
                foreach (var test in suite["tests"]!.Items)
                {
                    cases.Add(new Case($"{Path.GetFileName(file)}: {suite["name"]!.AsString} / {test["desc"]!.AsString}", suiteIndex, suite, test));
                }
            }
        }

        return cases;
    }

    /// <summary>The suite folder: <c>shared/conformance/dotprompt</c> in the first ancestor folder that has it.</summary>
    private static string? FindSuiteFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "conformance", "dotprompt");
            if (Directory.Exists(candidate)) return candidate;
        }

        return null;
    }

    private static PromptValue Overlay(PromptValue? baseValue, PromptValue? overlay)
    {
        var properties = new List<KeyValuePair<string, PromptValue>>();
        if (baseValue is { Kind: PromptValueKind.Object }) properties.AddRange(baseValue.Properties);
        if (overlay is { Kind: PromptValueKind.Object })
        {
            foreach (var property in overlay.Properties)
            {
                properties.RemoveAll(p => p.Key == property.Key);
                properties.Add(property);
            }
        }

        return PromptValue.Object(properties);
    }

    private static JsonElement Element(PromptValue value)
    {
        using var document = JsonDocument.Parse(PromptJson.Serialize(value));
        return document.RootElement.Clone();
    }

    private static ChatMessage ToChatMessage(PromptValue message)
    {
        var role = message["role"]?.AsString ?? "user";
        var contents = new List<AIContent>();
        foreach (var part in message["content"]?.Items ?? Array.Empty<PromptValue>())
        {
            if (part["text"] is { } text) contents.Add(new TextContent(text.AsString));
            else if (part["media"] is { } media) contents.Add(new UriContent(media["url"]!.AsString, media["contentType"]?.AsString ?? "application/octet-stream"));
            else contents.Add(new AIContent { RawRepresentation = part });
        }

        var chat = new ChatMessage(role == "model" ? ChatRole.Assistant : new ChatRole(role), contents);
        if (message["metadata"] is { Kind: PromptValueKind.Object } metadata)
        {
            chat.AdditionalProperties = new AdditionalPropertiesDictionary();
            foreach (var property in metadata.Properties) chat.AdditionalProperties[property.Key] = property.Value;
        }

        return chat;
    }

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
                case DataContent data:
                    parts.Add(Media(data.Uri, data.MediaType));
                    break;
                case UriContent uri:
                    var unspecified = uri.AdditionalProperties?.ContainsKey("contentTypeUnspecified") == true;
                    parts.Add(Media(uri.Uri.OriginalString, unspecified ? null : uri.MediaType));
                    break;
                default:
                    if (content.RawRepresentation is PromptValue raw) parts.Add(raw);
                    else if (content.AdditionalProperties?["pending"] is true)
                    {
                        parts.Add(PromptValue.Object(("metadata", PromptValue.Object(("purpose", PromptValue.String((string)content.AdditionalProperties["purpose"]!)), ("pending", PromptValue.True)))));
                    }

                    break;
            }
        }

        var properties = new List<KeyValuePair<string, PromptValue>> { new("role", PromptValue.String(role)), new("content", PromptValue.Array(parts)) };
        if (message.AdditionalProperties is { Count: > 0 } additional)
        {
            var metadata = additional.Select(p => new KeyValuePair<string, PromptValue>(p.Key, p.Value as PromptValue ?? PromptValue.String(p.Value?.ToString() ?? string.Empty))).ToList();
            properties.Add(new KeyValuePair<string, PromptValue>("metadata", PromptValue.Object(metadata)));
        }

        return PromptValue.Object(properties);
    }

    private static PromptValue Media(string url, string? contentType) => contentType is null
        ? PromptValue.Object(("media", PromptValue.Object(("url", PromptValue.String(url)))))
        : PromptValue.Object(("media", PromptValue.Object(("url", PromptValue.String(url)), ("contentType", PromptValue.String(contentType)))));
}
