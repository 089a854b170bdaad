using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Tools named under frontmatter <c>tools:</c>: resolved to <c>[PromptTool]</c> methods of the compilation, errors at
/// the name's place in the frontmatter, the generated functions compile cleanly, and the symbol lookup is its own
/// cached step.
/// </summary>
public sealed class ToolGeneratorTests
{
    private const string Prompt = "---\ntools: [lookupOrder, shippingDays]\ninput:\n  schema:\n    question: string\n---\n{{question}}";

    private const string Tools = """
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Threading;
        using System.Threading.Tasks;
        using PromptGen.Tools;

        namespace Acme.Support
        {
            public enum OrderState { Pending, Shipped }

            public sealed class OrderStore
            {
                /// <summary>Looks up an order.</summary>
                /// <param name="orderId">The order number.</param>
                [PromptTool]
                public Task<OrderState?> LookupOrder(string orderId, CancellationToken cancellationToken) => Task.FromResult<OrderState?>(OrderState.Shipped);
            }

            public static class Shipping
            {
                [PromptTool(Description = "Working days to a country.")]
                public static IReadOnlyList<int> ShippingDays([Description("ISO code")] string country, bool express = false, string[]? via = null) => new[] { 2 };
            }
        }
        """;

    private static GeneratorHarness Harness(string prompt, string tools) =>
        GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Prompts/OrderQuestion.prompt"), prompt) }, csharpSources: new[] { tools });

    private static void AssertAt(Diagnostic diagnostic, int line, int column)
    {
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(GeneratorHarness.PathOf("Prompts/OrderQuestion.prompt"), span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void Declared_tools_generate_functions_that_compile_without_warnings()
    {
        var harness = Harness(Prompt, Tools);
        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, Outputs(result, TrackingNames.ToolMethods).Count());
        var problems = harness.DiagnosticsWithNullableWarnings();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var source = Assert.Single(result.GeneratedSources, s => s.HintName == "Acme.Support.Prompts.OrderQuestionPrompt.g.cs").SourceText.ToString();
        SnapshotTests.AssertMatchesSnapshot("Acme.Support.Prompts.OrderQuestionPrompt.g.cs", source);
    }

    [Fact]
    public void Instance_tools_stream_with_their_target_passed_exactly_as_to_the_whole_call()
    {
        var harness = Harness(Prompt, Tools);
        harness.Run();

        var extensions = harness.OutputCompilation!.GetTypeByMetadataName("Acme.Support.Prompts.PromptChatClientExtensions")!;
        var whole = (IMethodSymbol)extensions.GetMembers("OrderQuestionAsync").Single();
        var streamed = (IMethodSymbol)extensions.GetMembers("OrderQuestionStreamAsync").Single();
        Assert.Equal(Signature(whole), Signature(streamed));
        Assert.Equal("orderStore", streamed.Parameters[1].Name);
        Assert.Equal("Acme.Support.OrderStore", streamed.Parameters[1].Type.ToDisplayString());
        var prompt = harness.OutputCompilation.GetTypeByMetadataName("Acme.Support.Prompts.OrderQuestionPrompt")!;
        var run = (IMethodSymbol)prompt.GetMembers("RunAsync").Single();
        var stream = (IMethodSymbol)prompt.GetMembers("StreamAsync").Single();
        Assert.Equal(Signature(run), Signature(stream));
        var problems = harness.DiagnosticsWithNullableWarnings();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void An_internal_tool_target_makes_the_streamed_call_internal_like_the_whole_call()
    {
        var harness = Harness(Prompt, Tools.Replace("public sealed class OrderStore", "internal sealed class OrderStore", StringComparison.Ordinal));
        harness.Run();

        var extensions = harness.OutputCompilation!.GetTypeByMetadataName("Acme.Support.Prompts.PromptChatClientExtensions")!;
        Assert.Equal(Accessibility.Internal, extensions.GetMembers("OrderQuestionAsync").Single().DeclaredAccessibility);
        Assert.Equal(Accessibility.Internal, extensions.GetMembers("OrderQuestionStreamAsync").Single().DeclaredAccessibility);
        var prompt = harness.OutputCompilation.GetTypeByMetadataName("Acme.Support.Prompts.OrderQuestionPrompt")!;
        Assert.Equal(Accessibility.Internal, prompt.GetMembers("StreamAsync").Single().DeclaredAccessibility);
        Assert.Empty(harness.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>The parameters (type, name, default) of a method, without its return type.</summary>
    private static string Signature(IMethodSymbol method) =>
        string.Join(", ", method.Parameters.Select(p => $"{p.Type.ToDisplayString()} {p.Name}{(p.HasExplicitDefaultValue ? " = " + (p.ExplicitDefaultValue ?? "null") : string.Empty)}"));

    [Fact]
    public void An_unknown_tool_is_PG0601_at_its_name_in_the_frontmatter_with_a_suggestion()
    {
        var result = Harness("---\ntools: [lookupOrdr, shippingDays]\ninput:\n  schema:\n    question: string\n---\n{{question}}", Tools).Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0601", diagnostic.Id);
        AssertAt(diagnostic, 2, 9);
        Assert.Contains("'lookupOrdr'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Did you mean 'lookupOrder'?", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmappable_parameter_is_PG0603_at_the_tool_name_in_a_block_list()
    {
        var tools = "namespace Acme.Support { public sealed record Query(string Id); public static class Orders { [PromptGen.Tools.PromptTool] public static string LookupOrder(Query query) => \"\"; } }";
        var result = Harness("---\ntools:\n  - lookupOrder\n---\nWhere is my order?", tools).Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0603", diagnostic.Id);
        AssertAt(diagnostic, 3, 5);
        Assert.Contains("The parameter 'query' of 'Orders.LookupOrder' has type Acme.Support.Query", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmappable_return_type_is_PG0604()
    {
        var tools = "namespace Acme.Support { public sealed record Order(string Id); public static class Orders { [PromptGen.Tools.PromptTool] public static System.Threading.Tasks.Task<Order> LookupOrder(string id) => null!; } }";
        var result = Harness("---\ntools: [lookupOrder]\n---\nWhere is my order?", tools).Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0604", diagnostic.Id);
        AssertAt(diagnostic, 2, 9);
        Assert.Contains("returns Acme.Support.Order", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_methods_with_one_tool_name_are_PG0602_listing_both()
    {
        var tools = "namespace Acme.Support { public static class A { [PromptGen.Tools.PromptTool] public static string LookupOrder(string id) => \"\"; } public static class B { [PromptGen.Tools.PromptTool(\"lookupOrder\")] public static string Find(string id) => \"\"; } }";
        var result = Harness("---\ntools: [lookupOrder]\n---\nWhere is my order?", tools).Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("PG0602", diagnostic.Id);
        AssertAt(diagnostic, 2, 9);
        Assert.Contains("A.LookupOrder", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("B.Find", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("private static string LookupOrder(string id) => \"\";", "PG0605", "private or protected")]
    [InlineData("public static string LookupOrder<T>(string id) => \"\";", "PG0605", "generic")]
    [InlineData("public static string LookupOrder(string id, out int n) { n = 0; return \"\"; }", "PG0605", "ref or out")]
    public void Methods_generated_code_cannot_call_are_PG0605(string method, string id, string reason)
    {
        var tools = "namespace Acme.Support { public static class Orders { [PromptGen.Tools.PromptTool] " + method + " } }";
        var result = Harness("---\ntools: [lookupOrder]\n---\nWhere is my order?", tools).Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_explicit_tool_name_is_PG0606()
    {
        var tools = "namespace Acme.Support { public static class Orders { [PromptGen.Tools.PromptTool(\"orders.lookup\")] public static string LookupOrder(string id) => \"\"; } }";
        var result = Harness("---\ntools: [\"orders.lookup\"]\n---\nWhere is my order?", tools).Run();

        Assert.Equal("PG0606", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Prompts_without_tools_are_unaffected_by_tool_methods()
    {
        var harness = GeneratorHarness.Create(new[] { (GeneratorHarness.PathOf("Prompts/Plain.prompt"), "---\ninput:\n  schema:\n    q: string\n---\n{{q}}") }, csharpSources: new[] { Tools });
        var result = harness.Run();

        Assert.Empty(result.Diagnostics);
        Assert.DoesNotContain("CreateTools", result.GeneratedSources.Single(s => s.HintName.EndsWith("PlainPrompt.g.cs", StringComparison.Ordinal)).SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_unrelated_csharp_keeps_the_tool_catalog_and_every_prompt_step_cached()
    {
        var harness = GeneratorHarness.Create(
            new[] { (GeneratorHarness.PathOf("Prompts/OrderQuestion.prompt"), Prompt) },
            csharpSources: new[] { Tools, "namespace App { public class Program { } }" });
        harness.Run();

        harness.ReplaceCSharp(1, "namespace App { public class Program { public int Changed; } }");
        var second = harness.Run();

        Assert.All(Outputs(second, TrackingNames.ToolCatalog), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(Outputs(second, TrackingNames.PromptTools), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(Outputs(second, TrackingNames.PromptModels), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_tool_method_rebinds_the_prompt_without_reparsing_it()
    {
        var harness = Harness(Prompt, Tools);
        harness.Run();

        harness.ReplaceCSharp(0, Tools.Replace("Working days to a country.", "Days to deliver.", StringComparison.Ordinal));
        var second = harness.Run();

        Assert.Contains(Outputs(second, TrackingNames.ToolCatalog), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(Outputs(second, TrackingNames.PromptTools), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.All(Outputs(second, TrackingNames.ParsedPrompts), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(Outputs(second, TrackingNames.PromptModels), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Contains("Days to deliver.", second.GeneratedSources.Single(s => s.HintName == "Acme.Support.Prompts.OrderQuestionPrompt.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private static System.Collections.Generic.IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(r => r.Outputs) : Enumerable.Empty<(object, IncrementalStepRunReason)>();
}
