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
        var generatedWarnings = harness.OutputCompilation!.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(generatedWarnings.Count == 0, string.Join("\n", generatedWarnings));
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
        var codec = assembly.GetType("Acme.Support.Prompts.Support.TriageTicketPrompt+JsonCodec", throwOnError: true)!;
        const string json = """
            {"category":"in-progress","summary":"Charged twice","confidence":0.9,"urgent":true,"tags":["billing"],
             "customer":{"order_id":"1182","class":null},"actions":[{"kind":"refund","amount":12}],"scores":{"a":1.5},
             "extra":{"any":[1,2]},"unknown":"ignored"}
            """;

        var output = codec.GetMethod("ReadOutputJson")!.Invoke(null, new object[] { json })!;
        var written = (string)codec.GetMethod("WriteOutputJson")!.Invoke(null, new[] { output })!;

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
    [InlineData("""{"summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"}}""", "required property 'category'")]
    [InlineData("""{"category":"other","summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"}}""", "'other' is not a value")]
    [InlineData("""{"category":"billing","summary":"s","confidence":"1","urgent":true,"tags":[],"customer":{"order_id":"1"}}""", "Expected a number")]
    [InlineData("""{"category":"billing","summary":"s","confidence":1,"urgent":true,"tags":[],"customer":{"order_id":"1"}} x""", "")]
    public void Strict_json_codec_rejects_output_that_does_not_fit(string json, string messagePart)
    {
        var assembly = EmitAndLoad(RunAll());
        var codec = assembly.GetType("Acme.Support.Prompts.Support.TriageTicketPrompt+JsonCodec", throwOnError: true)!;

        var error = Assert.Throws<TargetInvocationException>(() => codec.GetMethod("ReadOutputJson")!.Invoke(null, new object[] { json }));

        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.Contains(messagePart, error.InnerException!.Message, StringComparison.Ordinal);
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
        Assert.Equal("low", options.AdditionalProperties!["reasoningEffort"]);
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

    private static Assembly EmitAndLoad(GeneratorHarness harness)
    {
        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("generated", isCollectible: true).LoadFromStream(stream);
    }
}
