using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using PromptGen.Generator.Tests.Infrastructure;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Partials called with hash arguments (<c>{{> signature name=agent}}</c>) compile typed when which value each name reads
/// is known statically, and dynamically otherwise; either way generated Render prints what the run-time renderer prints.
/// </summary>
public sealed class PartialHashArgumentTests
{
    private const string Schema =
        "input:\n  schema:\n    agent: string\n    team?: string\n    company: string\n    nickname?: string\n" +
        "    orders(array):\n      orderId: string\n      note?: string\n";

    private static readonly Dictionary<string, string> s_partials = new(StringComparer.Ordinal)
    {
        ["sig"] = "{{name}} ({{team}}) at {{company}}\n",
        ["line"] = "- {{orderId}} {{label}}{{#if note}} / {{note}}{{/if}} [{{@index}}]\n",
        ["nested"] = "<{{> sig name=who}}>{{#with this}}{{who}}/{{agent}}{{/with}}\n",
        ["shadow"] = "{{company}}|{{team}}|{{agent}}\n",
        ["whole"] = "{{json this}}\n",
        ["relay"] = "{{> sig name=nickname}}{{name}}\n",
    };

    /// <summary>Each prompt's template and whether it compiles typed.</summary>
    private static readonly (string Name, string Template, bool Typed)[] s_prompts =
    {
        ("hash_basic", "{{> sig name=agent}}", true),
        ("hash_loop", "{{#each orders}}{{> line label=\"item\" note=note}}{{/each}}", true),
        ("hash_nested", "{{> nested who=agent}}{{> nested who=\"x\" agent=company}}", true),
        ("hash_literals", "{{> shadow company=\"Other\" team=null agent=42}}{{> shadow company=undefined}}", true),
        ("hash_same_field", "{{> shadow team=team}}", true),
        ("hash_context_parameter", "{{> sig this name=agent}}{{#each orders}}{{> shadow ../this agent=orderId}}{{/each}}", true),
        ("hash_undefined_over_field", "{{> shadow team=nickname}}", false),
        ("hash_undefined_over_outer_argument", "{{> relay name=agent}}", false),
        ("hash_whole_context", "{{> whole name=agent}}", false),
        ("hash_on_a_string", "{{> shadow agent team=agent}}", false),
    };

    private static readonly string[] s_inputs =
    {
        """{"agent":"Ana","team":"Returns","company":"Acme","nickname":"A","orders":[{"orderId":"o1","note":"n1"},{"orderId":"o2"}]}""",
        """{"agent":"Bo","company":"Acme","orders":[]}""",
        """{"agent":"Cy","company":"Acme","nickname":"C","orders":[{"orderId":"o3","note":""}]}""",
    };

    private static readonly Lazy<Dictionary<string, Type>> s_compiled = new(() => RenderComparison.CompilePrompts(Harness(), "partial-hash-arguments"));

    public static IEnumerable<object[]> Cases() =>
        s_prompts.SelectMany(p => Enumerable.Range(0, s_inputs.Length).Select(i => new object[] { p.Name, i }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_equals_the_runtime_renderer(string prompt, int input)
    {
        var expected = RenderComparison.RuntimeText(Source(prompt), PromptJson.Parse(s_inputs[input]), PartialCatalog.FromTexts(s_partials));
        using var document = JsonDocument.Parse(s_inputs[input]);
        Assert.Equal(expected, RenderComparison.GeneratedText(s_compiled.Value[prompt], document.RootElement));
    }

    [Theory]
    [MemberData(nameof(Prompts))]
    public void Compiles_typed_exactly_when_every_name_has_one_known_value(string prompt)
    {
        var dynamicMethod = s_compiled.Value[prompt].GetMethod("RenderTemplate", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.Equal(s_prompts.Single(p => p.Name == prompt).Typed, dynamicMethod is null);
    }

    public static IEnumerable<object[]> Prompts() => s_prompts.Select(p => new object[] { p.Name });

    private static string Source(string prompt) =>
        $"---\nname: {prompt}\n{Schema}---\n{s_prompts.Single(p => p.Name == prompt).Template}";

    private static GeneratorHarness Harness()
    {
        var files = s_prompts.Select(p => (GeneratorHarness.PathOf($"Hash/{p.Name}.prompt"), Source(p.Name))).ToList();
        files.AddRange(s_partials.Select(p => (GeneratorHarness.PathOf($"Hash/_{p.Key}.prompt"), p.Value)));
        return GeneratorHarness.Create(files);
    }
}
