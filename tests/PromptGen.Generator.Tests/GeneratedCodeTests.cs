extern alias runtime;

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

public sealed class GeneratedCodeTests
{
    private static GeneratorHarness RunAll()
    {
        var harness = GeneratorHarness.Create(new[]
        {
            (GeneratorHarness.PathOf("Prompts/Support/Triage.prompt"), TestPrompts.Triage),
            (GeneratorHarness.PathOf("Prompts/Summarize.prompt"), TestPrompts.Summarize),
            (GeneratorHarness.PathOf("Counter.prompt"), TestPrompts.Counter),
            (GeneratorHarness.PathOf("Prompts/Hello.prompt"), TestPrompts.Simple("hello")),
        });
        harness.Run();
        return harness;
    }

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        var harness = RunAll();

        var errors = harness.CompilationErrors();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var generatedWarnings = harness.DiagnosticsWithNullableWarnings()
            .Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(generatedWarnings.Count == 0, string.Join("\n", generatedWarnings));
    }

    [Fact]
    public void Generated_files_keep_annotations_and_leave_nullable_warnings_to_the_tests()
    {
        var harness = RunAll();
        var generated = harness.OutputCompilation!.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(generated);
        Assert.All(generated, t => Assert.Contains("#nullable enable annotations\n#nullable disable warnings\n", t.GetText().ToString(), StringComparison.Ordinal));
        // The annotations still reach callers: an optional string input is a nullable parameter.
        var extensions = harness.OutputCompilation.GetTypeByMetadataName("Acme.Support.Prompts.PromptChatClientExtensions")!;
        var summarize = (IMethodSymbol)extensions.GetMembers("SummarizeAsync").Single();
        Assert.Equal(NullableAnnotation.Annotated, summarize.Parameters.Single(p => p.Name == "class").NullableAnnotation);
    }

    [Fact]
    public void The_tests_see_nullable_warnings_that_generated_files_turn_off()
    {
        const string source = "#nullable enable annotations\n#nullable disable warnings\nnamespace Acme.Support { internal static class Oops { internal static string Name() => null; } }\n";
        var harness = GeneratorHarness.Create(Array.Empty<(string, string)>(), csharpSources: new[] { source });
        harness.Run();

        Assert.DoesNotContain(harness.OutputCompilation!.GetDiagnostics(), d => d.Id == "CS8603");
        Assert.Contains(harness.DiagnosticsWithNullableWarnings(), d => d.Id == "CS8603");
    }

    [Fact]
    public void Extension_methods_take_one_parameter_per_input_field_with_optional_ones_last()
    {
        var harness = RunAll();
        var extensions = harness.OutputCompilation!.GetTypeByMetadataName("Acme.Support.Prompts.PromptChatClientExtensions")!;
        var method = (IMethodSymbol)extensions.GetMembers("SummarizeAsync").Single();

        Assert.Equal(new[] { "client", "text", "class", "options", "cancellationToken" }, method.Parameters.Select(p => p.Name));
        Assert.True(method.IsExtensionMethod);
        Assert.True(method.Parameters[2].HasExplicitDefaultValue);
        Assert.Equal("System.Threading.Tasks.Task<PromptGen.PromptResult<string>>", method.ReturnType.ToDisplayString());
    }

    [Fact]
    public void Strict_json_codec_reads_and_writes_wire_names()
    {
        var assembly = EmitAndLoad(RunAll());
        const string json = """
            {"category":"in-progress","summary":"Charged twice","confidence":0.9,"urgent":true,"tags":["billing"],
             "customer":{"order_id":"1182","class":null},"actions":[{"kind":"refund","amount":12}],"scores":{"a":1.5},
             "extra":{"any":[1,2]},"unknown":"ignored"}
            """;

        var output = ReadStrict(assembly, json);
        var written = WriteOutput(assembly, output);

        Assert.Equal("InProgress", output.GetType().GetProperty("Category")!.GetValue(output)!.ToString());
        using var document = JsonDocument.Parse(written);
        var root = document.RootElement;
        Assert.Equal("in-progress", root.GetProperty("category").GetString());
        Assert.Equal("1182", root.GetProperty("customer").GetProperty("order_id").GetString());
        // Optional and null: left out on write.
        Assert.False(root.GetProperty("customer").TryGetProperty("class", out _));
        Assert.Equal("refund", root.GetProperty("actions")[0].GetProperty("kind").GetString());
        Assert.Equal(1.5, root.GetProperty("scores").GetProperty("a").GetDouble());
        Assert.Equal(2, root.GetProperty("extra").GetProperty("any")[1].GetInt32());
        Assert.False(root.TryGetProperty("unknown", out _));
    }

    [Theory]
    [InlineData("""{"summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"}}""", "required property 'category' of Output is missing at $.")]
    [InlineData("""{"category":"billing","summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{}}""", "required property 'order_id' of Customer is missing at $.customer.")]
    [InlineData("""{"category":"other","summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"}}""", "Expected a value of Category but found String at $.category (byte 12)")]
    [InlineData("""{"category":"billing","summary":"s","confidence":"1","urgent":true,"tags":[],"customer":{"order_id":"1"}}""", "Expected a number but found String at $.confidence (byte 49)")]
    [InlineData("""{"category":"billing","summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"}} x""", "after a single JSON value")]
    [InlineData("""{"category":"billing","summary":"s",}""", "")]
    public void Strict_json_codec_rejects_output_that_does_not_fit(string json, string messagePart)
    {
        var assembly = EmitAndLoad(RunAll());

        var error = Assert.Throws<TargetInvocationException>(() => ReadStrict(assembly, json));

        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.Contains(messagePart, error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"category":"billing","summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"}}""", true)]
    [InlineData("""{"category":"Billing","summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"}}""", false)]
    [InlineData("""{"category":"billing","summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"},}""", false)]
    [InlineData("""Sure: {"category":"billing"}""", false)]
    public void Try_parse_is_clean_only_for_json_that_the_strict_reader_takes_as_is(string json, bool clean)
    {
        var assembly = EmitAndLoad(RunAll());
        var prompt = assembly.GetType("Acme.Support.Prompts.Support.TriageTicketPrompt", throwOnError: true)!;
        var arguments = new object?[] { json, null, null };

        prompt.GetMethod("TryParse")!.Invoke(null, arguments);

        var report = (runtime::PromptGen.PromptParseReport)arguments[2]!;
        Assert.Equal(clean, ReferenceEquals(report, runtime::PromptGen.PromptParseReport.Clean));
    }

    [Fact]
    public void Create_options_maps_model_config_and_response_format()
    {
        var assembly = EmitAndLoad(RunAll());
        var prompt = assembly.GetType("Acme.Support.Prompts.Support.TriageTicketPrompt", throwOnError: true)!;

        var options = (Microsoft.Extensions.AI.ChatOptions)prompt.GetMethod("CreateOptions")!.Invoke(null, null)!;

        Assert.Equal("openai/gpt-4o-mini", options.ModelId);
        Assert.Equal(0.2f, options.Temperature);
        Assert.Equal(400, options.MaxOutputTokens);
        Assert.Equal(new[] { "END" }, options.StopSequences);
        Assert.Equal(7L, options.Seed);
        // A key M.E.AI has a property for maps onto it, not into AdditionalProperties.
        Assert.Equal(Microsoft.Extensions.AI.ReasoningEffort.Low, options.Reasoning!.Effort);
        Assert.False(options.AdditionalProperties!.ContainsKey("reasoningEffort"));
        Assert.Equal(2, ((JsonElement)options.AdditionalProperties["safety"]!).GetProperty("level").GetInt32());
        var format = Assert.IsType<Microsoft.Extensions.AI.ChatResponseFormatJson>(options.ResponseFormat);
        Assert.Equal("triage_ticket", format.SchemaName);
        Assert.Equal("The triage decision.", format.SchemaDescription);
        Assert.Equal(
            JsonSerializer.Serialize(JsonDocument.Parse((string)prompt.GetField("OutputJsonSchema")!.GetValue(null)!).RootElement),
            JsonSerializer.Serialize(format.Schema!.Value));
    }

    [Fact]
    public void Int_extension_setting_maps_integers_to_int()
    {
        var harness = RunAll();
        var parse = (IMethodSymbol)harness.OutputCompilation!.GetTypeByMetadataName("Acme.Support.WordCounter")!.GetMembers("Parse").Single();

        Assert.Equal("System.Collections.Generic.IReadOnlyList<int>", parse.ReturnType.ToDisplayString());
    }

    /// <summary>The generated strict reader of the output, through the runtime's throwing entry point (as <c>Render(JsonElement)</c> reads input).</summary>
    [Theory]
    [InlineData("enum: [needs review, done]", "enum(\\\"needs review\\\"|done)")]
    [InlineData("enum: [\"a|b\", done]", "enum(\\\"a|b\\\"|done)")]
    [InlineData("enum: [open, done]", "enum(open|done)")]
    public void Output_parser_shape_is_one_line_with_wire_names_that_hold_its_syntax_quoted(string states, string described)
    {
        var prompt = $"""
            ---
            name: track
            output:
              schema:
                type: object
                properties:
                  state: {"{"} {states} {"}"}
                required: [state]
            ---
            Track it.
            """;
        var harness = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Track.prompt"), prompt) });
        harness.Run();
        var source = harness.OutputCompilation!.SyntaxTrees.Single(t => t.FilePath.EndsWith("TrackPrompt.g.cs", StringComparison.Ordinal)).ToString();
        var assembly = EmitAndLoad(harness);
        var type = assembly.GetType("Acme.Support.TrackPrompt", throwOnError: true)!;

        Assert.Contains($"JsonCodec.WriteOutput, \"object{{state: {described}}}\", OutputJsonSchema);", source, StringComparison.Ordinal);
        // The lenient parser knows the enum: a fenced answer with the last value in other case is repaired.
        var output = type.GetMethod("Parse")!.Invoke(null, new object[] { "```json\n{\"state\": \"DONE\"}\n```" })!;
        Assert.Equal("Done", output.GetType().GetProperty("State")!.GetValue(output)!.ToString());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(70)]
    public void Strict_reader_takes_every_required_property_and_names_a_missing_one(int count)
    {
        // Up to 64 properties the property table tracks the required ones; wider records keep their own bookkeeping.
        var properties = string.Concat(Enumerable.Range(0, count).Select(i => $"\n    p{i}: string"));
        var harness = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Wide.prompt"), $"---\nname: wide\noutput:\n  schema:{properties}\n---\nGo.") });
        harness.Run();
        var type = EmitAndLoad(harness).GetType("Acme.Support.WidePrompt", throwOnError: true)!;
        var codec = type.GetNestedType("JsonCodec", BindingFlags.NonPublic)!;
        var readerType = typeof(runtime::PromptGen.Serialization.JsonValueReader<>).MakeGenericType(type.GetNestedType("Output")!);
        var reader = Delegate.CreateDelegate(readerType, codec.GetMethod("ReadOutput", BindingFlags.Static | BindingFlags.NonPublic)!);
        var read = typeof(runtime::PromptGen.Serialization.JsonText).GetMethods()
            .Single(m => m.Name == "Read" && m.GetParameters()[0].ParameterType == typeof(string))
            .MakeGenericMethod(type.GetNestedType("Output")!);
        string Json(int skip) => "{" + string.Join(",", Enumerable.Range(0, count).Where(i => i != skip).Select(i => $"\"p{i}\":\"v{i}\"")) + "}";

        var output = read.Invoke(null, new object[] { Json(-1), reader })!;
        Assert.Equal($"v{count - 1}", output.GetType().GetProperty($"P{count - 1}")!.GetValue(output));
        var missing = count - 2;
        var error = Assert.Throws<TargetInvocationException>(() => read.Invoke(null, new object[] { Json(missing), reader }));
        Assert.Contains($"required property 'p{missing}' of Output is missing", error.InnerException!.Message, StringComparison.Ordinal);
    }

    private static object ReadStrict(Assembly assembly, string json)
    {
        var (outputType, codec) = OutputCodec(assembly);
        var readerType = typeof(runtime::PromptGen.Serialization.JsonValueReader<>).MakeGenericType(outputType);
        var reader = Delegate.CreateDelegate(readerType, codec.GetMethod("ReadOutput", BindingFlags.Static | BindingFlags.NonPublic)!);
        var read = typeof(runtime::PromptGen.Serialization.JsonText).GetMethods()
            .Single(m => m.Name == "Read" && m.GetParameters()[0].ParameterType == typeof(string))
            .MakeGenericMethod(outputType);
        return read.Invoke(null, new object[] { json, reader })!;
    }

    private static string WriteOutput(Assembly assembly, object output)
    {
        var (outputType, codec) = OutputCodec(assembly);
        var writerType = typeof(runtime::PromptGen.Serialization.JsonValueWriter<>).MakeGenericType(outputType);
        var writer = Delegate.CreateDelegate(writerType, codec.GetMethod("WriteOutput", BindingFlags.Static | BindingFlags.NonPublic)!);
        var write = typeof(runtime::PromptGen.Serialization.JsonText).GetMethod("Write")!.MakeGenericMethod(outputType);
        return (string)write.Invoke(null, new[] { output, writer })!;
    }

    private static (Type Output, Type Codec) OutputCodec(Assembly assembly) =>
        (assembly.GetType("Acme.Support.Prompts.Support.TriageTicketPrompt+Output", throwOnError: true)!,
         assembly.GetType("Acme.Support.Prompts.Support.TriageTicketPrompt+JsonCodec", throwOnError: true)!);

    private static Assembly EmitAndLoad(GeneratorHarness harness)
    {
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(stream);
    }
}
