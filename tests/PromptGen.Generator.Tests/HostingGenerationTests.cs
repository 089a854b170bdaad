using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Typed prompt clients for PromptGen.Hosting: emitted only when the compilation has <c>PromptGen.Hosting.PromptBinding</c>,
/// so projects without the package generate exactly what they did before.
/// </summary>
public sealed class HostingGenerationTests
{
    /// <summary>The part of PromptGen.Hosting's public API that generated code calls, declared in source (the real package is tested in PromptGen.Hosting.Tests).</summary>
    private const string HostingApi = """
        namespace PromptGen.Hosting
        {
            public sealed class PromptBinding
            {
                public Microsoft.Extensions.AI.IChatClient ChatClient => throw null!;
                public PromptGen.PromptRunOptions ApplyTo(PromptGen.PromptRunOptions? callerOptions) => throw null!;
            }

            public interface IPromptGenBuilder
            {
            }

            public sealed class PromptRegistration
            {
                public PromptRegistration(string promptName, System.Collections.Generic.IReadOnlyList<string> variantNames)
                {
                }
            }

            public static class PromptGenServiceCollectionExtensions
            {
                public static IPromptGenBuilder AddPrompt<TClient>(this IPromptGenBuilder builder, PromptRegistration prompt, System.Func<PromptBinding, TClient> createClient)
                    where TClient : class => builder;

                public static IPromptGenBuilder AddPrompt(this IPromptGenBuilder builder, PromptRegistration prompt) => builder;
            }
        }
        """;

    private const string Base = "---\ninput:\n  schema:\n    ticket: string\noutput:\n  schema:\n    category(enum): [billing, other]\n---\nClassify: {{ticket}}";
    private const string Concise = "---\nmodel: small\ninput:\n  schema:\n    ticket: string\noutput:\n  schema:\n    category(enum): [billing, other]\n---\n{{ticket}}?";

    private static (GeneratorHarness Harness, GeneratorRunResult Result) Run(bool withHosting, params (string Relative, string Text)[] prompts)
    {
        var harness = GeneratorHarness.Create(
            prompts.Select(p => (GeneratorHarness.PathOf(p.Relative), p.Text)),
            csharpSources: withHosting ? new[] { HostingApi } : null);
        return (harness, harness.Run());
    }

    private static string Source(GeneratorRunResult result, string hintName) =>
        result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    [Fact]
    public void Without_PromptGen_Hosting_no_client_and_no_registration_is_generated()
    {
        var (_, result) = Run(withHosting: false, ("Prompts/Support/Triage.prompt", TestPrompts.Triage));

        var hints = result.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.DoesNotContain(hints, h => h.EndsWith(".Client.g.cs", StringComparison.Ordinal));
        Assert.DoesNotContain("PromptGenHosting.g.cs", hints);
    }

    [Fact]
    public void With_PromptGen_Hosting_each_prompt_gets_a_client_and_the_assembly_a_registration_that_compile()
    {
        var (harness, result) = Run(withHosting: true,
            ("Prompts/Support/Triage.prompt", TestPrompts.Triage),
            ("Prompts/Summarize.prompt", TestPrompts.Summarize));

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(harness.CompilationErrors());
        SnapshotTests.AssertMatchesSnapshot("Acme.Support.Prompts.Support.TriageTicketPrompt.Client.g.cs", Source(result, "Acme.Support.Prompts.Support.TriageTicketPrompt.Client.g.cs"));
        SnapshotTests.AssertMatchesSnapshot("PromptGenHosting.g.cs", Source(result, "PromptGenHosting.g.cs"));
        Assert.Contains("Acme.Support.Prompts.SummarizePrompt.Client.g.cs", result.GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void A_prompt_with_variants_registers_its_variant_names_and_a_variant_gets_no_client_of_its_own()
    {
        var (harness, result) = Run(withHosting: true, ("Prompts/Classify.prompt", Base), ("Prompts/Classify.concise.prompt", Concise));

        Assert.Empty(harness.CompilationErrors());
        var registration = Source(result, "PromptGenHosting.g.cs");
        Assert.Contains("new global::PromptGen.Hosting.PromptRegistration(global::Acme.Support.Prompts.ClassifyPrompt.PromptName, global::Acme.Support.Prompts.ClassifyPrompt.VariantNames)", registration, StringComparison.Ordinal);
        Assert.Single(result.GeneratedSources, s => s.HintName.EndsWith(".Client.g.cs", StringComparison.Ordinal));
        Assert.Contains("public static global::PromptGen.Hosting.IPromptGenBuilder AddAcmeSupportPrompts(", registration, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_whose_schema_generates_a_Client_type_is_registered_without_a_client_and_still_compiles()
    {
        const string WithClientRecord = "---\ninput:\n  schema:\n    client:\n      name: string\n---\nHello {{client.name}}";
        var (harness, result) = Run(withHosting: true, ("Prompts/Welcome.prompt", WithClientRecord));

        Assert.Empty(harness.CompilationErrors());
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.EndsWith(".Client.g.cs", StringComparison.Ordinal));
        var registration = Source(result, "PromptGenHosting.g.cs");
        Assert.Contains("AddPrompt(builder, new global::PromptGen.Hosting.PromptRegistration(global::Acme.Support.Prompts.WelcomePrompt.PromptName, global::System.Array.Empty<string>()));", registration, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TicketTriage", "TicketTriage")]
    [InlineData("Acme.Support", "AcmeSupport")]
    [InlineData("my-app.api", "MyAppApi")]
    [InlineData("2024.Tools", "_2024Tools")]
    public void The_registration_method_is_named_after_the_assembly(string assemblyName, string identifier) =>
        Assert.Equal(identifier, PromptGen.Generator.Emit.HostingEmitter.AssemblyIdentifier(assemblyName));
}
