extern alias runtime;

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>Partial records of shapes that push the generator's own names and the record's mask to their limits.</summary>
public sealed class StreamingShapeTests
{
    [Fact]
    public void Fields_named_like_the_partial_records_own_members_and_more_than_32_mask_bits_compile_and_stream()
    {
        // 18 booleans take 36 bits: the last ones are plain nullable properties. The other fields take the names the
        // generator would give the record's source, mask and positions.
        var flags = string.Concat(Enumerable.Range(0, 18).Select(i => $"    flag{i}: boolean\n"));
        var prompt = "---\nname: shapes\noutput:\n  schema:\n    source: string\n    sourceAt: string\n    present: integer\n" +
            "    completion: string\n    completionAt: number\n" + flags + "---\nGo.";
        var harness = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Prompts/Shapes.prompt"), prompt) });
        harness.Run();
        Assert.Empty(harness.CompilationErrors());

        using var stream = new MemoryStream();
        var emitted = harness.OutputCompilation!.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = new AssemblyLoadContext("shapes", isCollectible: true).LoadFromStream(new MemoryStream(stream.ToArray()));
        var promptType = assembly.GetTypes().Single(t => t.Name == "ShapesPrompt");
        var reader = promptType.GetNestedType("JsonCodec", BindingFlags.NonPublic)!.GetField("PartialOutputReader", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var json = new runtime::PromptGen.Streaming.StreamingJsonReader();
        json.Append("{\"source\": \"abc\", \"sourceAt\": \"s\", \"present\": 7, \"completion\": \"x\", \"completionAt\": 1.5, " +
            string.Join(", ", Enumerable.Range(0, 18).Select(i => $"\"flag{i}\": {(i % 2 == 0 ? "true" : "false")}")) + ", \"extra\": ");
        var partial = reader.GetType().GetMethod("Read")!.Invoke(reader, new object?[] { json.Root })!;

        // The fields named Source and Completion hide PartialRecord's members: read the record's own properties.
        object? Get(string name) => partial.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)!.GetValue(partial);
        Assert.Equal(("abc", "s", 7L, "x", 1.5), (Get("Source"), Get("SourceAt"), Get("Present"), Get("Completion"), Get("CompletionAt")));
        Assert.Equal(Enumerable.Range(0, 18).Select(i => (object)(i % 2 == 0)), Enumerable.Range(0, 18).Select(i => Get($"Flag{i}")));
        var completion = Assert.IsType<runtime::PromptGen.Streaming.PartialFields>(Get("Completion_"));
        Assert.Equal((24, 23, false), (completion.StartedCount, completion.CompletedCount, completion.IsClosed));
        // Completion_ is PartialRecord.Completion under the name the field left free.
        Assert.Equal(completion, ((runtime::PromptGen.Streaming.PartialRecord)partial).Completion);
    }
}
