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
using PromptGen.Language.Semantics;
using PromptGen.Generator.Tests.Infrastructure;
using PromptGen.Language.Documents;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;
using RenderOptions = runtime::PromptGen.Rendering.PromptRenderOptions;

namespace PromptGen.Generator.Tests;

/// <summary>
/// The Dotprompt spec suite through generated code. Each suite's template is compiled by the generator twice, in the
/// same compilation (all suites without partials in one, each suite with partials in its own, since a project shares
/// partials by name): as the template alone in <c>Conf/D{i}</c> (no frontmatter, so every case renders through the
/// untyped <c>Render(JsonElement)</c>), and as written in <c>Conf/T{i}</c> (frontmatter, input schema and the suite's
/// named schemas kept; a file without frontmatter is its template alone, so <c>D{i}</c> serves as both). A case runs
/// typed when its suite has an input schema, the generator compiled the template to <c>RenderTyped</c> and the case's
/// input reads as the generated <c>Input</c> record.
/// </summary>
public sealed class GeneratedConformanceTests
{
    /// <summary>Measured: the only cases whose suite has an input schema (two suites, one case each) run typed.</summary>
    private const int TypedCaseFloor = 2;

    private sealed record Case(string Name, int Suite, PromptValue SuiteValue, PromptValue Test)
    {
        public string SuiteLabel => Name.Substring(0, Name.IndexOf(" / ", StringComparison.Ordinal));
    }

    private sealed record Compiled(List<Case> Cases, Dictionary<int, Assembly> Assemblies, Dictionary<int, List<Diagnostic>> TypedDiagnostics);

    private static readonly Lazy<Compiled> s_compiled = new(CompileAll);

    public static IEnumerable<object[]> CaseNames() => LoadCases().Select(c => new object[] { c.Name });

    /// <summary>The cases whose suite declares an input schema: the only ones the typed path can take.</summary>
    public static IEnumerable<object[]> TypedCandidateNames() =>
        LoadCases().Where(c => InputSchemaOf(c.SuiteValue) is not null).Select(c => new object[] { c.Name });

    [Fact]
    public void All_117_cases_are_found() => Assert.Equal(117, LoadCases().Count);

    /// <summary>All cases through the untyped path: the template alone, the input passed as JSON as given.</summary>
    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Dynamic_generated_render_matches_the_spec(string name)
    {
        var (cases, assemblies, _) = s_compiled.Value;
        var testCase = cases.Single(c => c.Name == name);
        var type = GeneratedClass(assemblies[testCase.Suite], $"D{testCase.Suite}")
            ?? throw new InvalidOperationException($"No class was generated for the template of '{name}'.");
        Assert.False(IsTyped(type));
        var render = type.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) })!;
        var result = (IList<ChatMessage>)render.Invoke(null, new object?[] { Element(InputOf(testCase)), OptionsOf(testCase) })!;
        AssertMessages(testCase, result);
    }

    /// <summary>Every case whose suite has an input schema runs typed today; one that stops doing so fails here, with why.</summary>
    [Theory]
    [MemberData(nameof(TypedCandidateNames))]
    public void Typed_generated_render_matches_the_spec(string name)
    {
        var compiled = s_compiled.Value;
        var testCase = compiled.Cases.Single(c => c.Name == name);
        var reason = WhyNotTyped(testCase, compiled);
        Assert.True(reason is null, $"{name} does not run typed: {reason}");

        // As an application calls it: the JSON entry point, and an Input record read by the generated JSON reader.
        var type = GeneratedClass(compiled.Assemblies[testCase.Suite], TypedFolder(testCase.Suite, testCase.SuiteValue))!;
        var json = PromptJson.Serialize(InputOf(testCase));
        var fromJson = type.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) })!;
        AssertMessages(testCase, (IList<ChatMessage>)fromJson.Invoke(null, new object?[] { Element(InputOf(testCase)), OptionsOf(testCase) })!);

        var record = ReadInput(type, json);
        var fromRecord = type.GetMethod("Render", new[] { record.GetType(), typeof(RenderOptions) })!;
        AssertMessages(testCase, (IList<ChatMessage>)fromRecord.Invoke(null, new object?[] { record, OptionsOf(testCase) })!);
    }

    /// <summary>How many cases run typed, at least as many as measured; the message lists the others and why.</summary>
    [Fact]
    public void The_cases_that_can_run_typed_do()
    {
        var compiled = s_compiled.Value;
        var reasons = compiled.Cases.Select(c => (Case: c, Reason: WhyNotTyped(c, compiled))).ToList();
        var typed = reasons.Count(r => r.Reason is null);
        var notTyped = reasons.Where(r => r.Reason is not null).GroupBy(r => r.Reason!).OrderBy(g => g.Key, StringComparer.Ordinal);
        var report = $"{typed} of {reasons.Count} cases run typed. Not typed, by reason and suite:\n" + string.Join("\n", notTyped.Select(g =>
            $"- {g.Key} ({g.Count()} cases): {string.Join(", ", g.GroupBy(r => r.Case.SuiteLabel).Select(s => $"{s.Key} ({s.Count()})"))}"));
        Assert.True(typed >= TypedCaseFloor, report);
    }

    /// <summary>Null when the case runs typed; otherwise why not.</summary>
    private static string? WhyNotTyped(Case testCase, Compiled compiled)
    {
        if (InputSchemaOf(testCase.SuiteValue) is null) return "no input schema";
        var type = GeneratedClass(compiled.Assemblies[testCase.Suite], TypedFolder(testCase.Suite, testCase.SuiteValue));
        if (type is null)
        {
            var errors = compiled.TypedDiagnostics[testCase.Suite].Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Distinct();
            return $"no class generated ({string.Join(", ", errors)})";
        }

        // The generator does not record why a template falls back; docs/architecture.md lists the constructs.
        if (!IsTyped(type)) return "the template falls back to the dynamic path";
        try
        {
            ReadInput(type, PromptJson.Serialize(InputOf(testCase)));
            return null;
        }
        catch (JsonException exception)
        {
            return $"the input does not fit the Input record ({exception.Message})";
        }
    }

    /// <summary>
    /// Where the file as written is compiled: <c>T{i}</c>, or <c>D{i}</c> when the file is its template alone, since both
    /// would generate the same class; this keeps the suite compile about as small as with the dynamic copies alone.
    /// </summary>
    private static string TypedFolder(int index, PromptValue suite) => IsTemplateAlone(suite) ? $"D{index}" : $"T{index}";

    private static bool IsTemplateAlone(PromptValue suite)
    {
        var text = suite["template"]!.AsString;
        return PromptDocumentParser.Parse("p.prompt", text).Template == text;
    }

    /// <summary>
    /// Whether the template compiled to typed code: a dynamic render goes through the private <c>RenderTemplate</c>; a
    /// typed one is <c>Render(Input)</c> itself (or the private <c>RenderTyped</c> behind it when input defaults apply).
    /// </summary>
    private static bool IsTyped(Type type) => type.GetMethod("RenderTemplate", BindingFlags.NonPublic | BindingFlags.Static) is null;

    /// <summary>
    /// The generated <c>Input</c> for a JSON text, read exactly as the generated <c>Render(JsonElement)</c> reads it: the
    /// runtime's <c>JsonText.Read</c> with the prompt's own strict reader (never built by hand).
    /// </summary>
    private static object ReadInput(Type type, string json)
    {
        // Found whatever its visibility: hiding the codec from IntelliSense must not hide it from this test.
        const BindingFlags any = BindingFlags.Public | BindingFlags.NonPublic;
        var inputType = type.GetNestedType("Input", any) ?? throw new InvalidOperationException($"{type.FullName} has no Input record.");
        var reader = type.GetNestedType("JsonCodec", any)?.GetMethod("ReadInput", any | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{type.FullName} has no JsonCodec.ReadInput.");
        var readerType = typeof(runtime::PromptGen.Serialization.JsonValueReader<>).MakeGenericType(inputType);
        var read = typeof(runtime::PromptGen.Serialization.JsonText)
            .GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == "Read" && m.GetParameters()[0].ParameterType == typeof(string))
            .MakeGenericMethod(inputType);
        try
        {
            return read.Invoke(null, new object[] { json, Delegate.CreateDelegate(readerType, reader) })!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The one prompt class generated in <c>Conf/{folder}</c>, found by namespace so frontmatter names do not matter.</summary>
    private static Type? GeneratedClass(Assembly assembly, string folder) =>
        assembly.GetTypes().SingleOrDefault(t => t.Namespace == $"Acme.Support.Conf.{folder}" && !t.IsNested &&
            t.GetMethod("Render", new[] { typeof(JsonElement), typeof(RenderOptions) }) is not null);

    /// <summary>The template's input schema as the language core reads it, with the suite's named schemas.</summary>
    private static PromptValue? InputSchemaOf(PromptValue suite) =>
        PromptCompiler.Parse("p.prompt", suite["template"]!.AsString, DocumentOptionsOf(suite)).Document.Metadata.InputSchema;

    private static PromptDocumentOptions? DocumentOptionsOf(PromptValue suite) =>
        suite["schemas"] is { Kind: PromptValueKind.Object } schemas ? new PromptDocumentOptions { Schemas = new DictionarySchemaResolver(schemas.Properties) } : null;

    /// <summary>
    /// Render data's input, with the test's own <c>options.input.default</c> under it: those are caller options the reference
    /// runtime receives separately. The prompt's frontmatter <c>input.default</c> is generated code's job.
    /// </summary>
    private static PromptValue InputOf(Case testCase)
    {
        var input = Overlay(testCase.SuiteValue["data"], testCase.Test["data"])["input"] ?? PromptValue.EmptyObject();
        var defaults = testCase.Test["options"]?["input"]?["default"];
        return defaults is { Kind: PromptValueKind.Object } && input.Kind == PromptValueKind.Object ? Overlay(defaults, input) : input;
    }

    private static RenderOptions OptionsOf(Case testCase)
    {
        var data = Overlay(testCase.SuiteValue["data"], testCase.Test["data"]);
        return new RenderOptions
        {
            History = data["messages"] is { Kind: PromptValueKind.Array } messages ? messages.Items.Select(ToChatMessage).ToList() : null,
            Context = data["context"] is { } context ? Element(context) : null,
            Docs = data["docs"] is { } docs ? Element(docs) : null,
        };
    }

    private static void AssertMessages(Case testCase, IList<ChatMessage> result)
    {
        var actual = PromptValue.Array(result.Select(FromChatMessage));
        var expected = testCase.Test["expect"]!["messages"] ?? PromptValue.Array(Array.Empty<PromptValue>());
        Assert.Equal(PromptJson.Serialize(expected, sortKeys: true), PromptJson.Serialize(actual, sortKeys: true));
    }

    private static Compiled CompileAll()
    {
        var cases = LoadCases();
        var suites = cases.GroupBy(c => c.Suite).Select(g => (Index: g.Key, Value: g.First().SuiteValue)).ToList();
        var assemblies = new Dictionary<int, Assembly>();
        var typedDiagnostics = new Dictionary<int, List<Diagnostic>>();
        static bool HasPartials(PromptValue suite) => suite["partials"] is not null || suite["resolverPartials"] is not null;

        // D{i} is the template alone (the untyped path); T{i} is the file as written, parsed exactly as the generator
        // parses it, plus the suite's named schemas, which a project has no other way to give the generator.
        var typedOptions = suites.Where(s => !IsTemplateAlone(s.Value))
            .ToDictionary(s => GeneratorHarness.PathOf($"Conf/T{s.Index}/p.prompt"), s => DocumentOptionsOf(s.Value));
        ParsedPromptFile Parse(string path, string text) =>
            typedOptions.TryGetValue(path, out var options) ? PromptCompiler.Parse(path, text, options) : ToDocumentModel(path, text);

        var batches = new List<List<(int Index, PromptValue Value)>> { suites.Where(s => !HasPartials(s.Value)).ToList() };
        batches.AddRange(suites.Where(s => HasPartials(s.Value)).Select(s => new List<(int, PromptValue)> { s }));
        using var parser = PromptPipeline.OverrideParserForTesting(Parse);
        foreach (var batch in batches)
        {
            var files = new List<(string Path, string Text)>();
            foreach (var (index, suite) in batch)
            {
                files.Add((GeneratorHarness.PathOf($"Conf/D{index}/p.prompt"), suite["template"]!.AsString));
                if (!IsTemplateAlone(suite)) files.Add((GeneratorHarness.PathOf($"Conf/T{index}/p.prompt"), suite["template"]!.AsString));
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
            foreach (var (index, suite) in batch)
            {
                assemblies[index] = assembly;
                var typedPath = GeneratorHarness.PathOf($"Conf/{TypedFolder(index, suite)}/p.prompt");
                typedDiagnostics[index] = harness.DriverDiagnostics.Where(d => d.Location.GetLineSpan().Path == typedPath).ToList();
            }
        }

        return new Compiled(cases, assemblies, typedDiagnostics);
    }

    /// <summary>The real front end on the template alone: spec inputs are rendered through the untyped (JsonElement) path.</summary>
    private static ParsedPromptFile ToDocumentModel(string path, string text) =>
        PromptCompiler.Parse(path, PromptDocumentParser.Parse(path, text).Template);

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
        // The README's switch for a suite that is not beside the repository.
        if (Environment.GetEnvironmentVariable("PROMPTGEN_CONFORMANCE_DIR") is { Length: > 0 } configured && Directory.Exists(configured)) return configured;
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
