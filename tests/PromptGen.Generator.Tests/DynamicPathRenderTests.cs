using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Generated dynamic Render writes plain paths (of the context, of <c>../</c>, of block parameters) with the writer's
/// path overload and <c>json</c> of input values from the document: both must give the run-time renderer's messages,
/// including for objects whose properties change order or go missing from item to item, repeated or escaped names, and
/// <c>#if</c> on properties of every kind (empty and not).
/// </summary>
public sealed class DynamicPathRenderTests
{
    private const string Template =
        "{{role \"user\"}}{{title}} {{meta.owner}}\n" +
        "{{#each items as |it i|}}{{i}}:{{label}}|{{it.label}}|{{it.o.b}}|{{../title}}|{{score}}" +
        "{{#each tags}}[{{this}} {{../label}} {{../../title}}]{{/each}}{{#if done}}+{{/if}}{{#unless it.o.b}}-{{/unless}}{{#if ../meta.owner}}o{{/if}}{{#if score includeZero=true}}s{{/if}}" +
        "{{#if tags}}T{{/if}}{{#if o}}O{{/if}}{{#if label}}L{{/if}}{{#if score}}S{{/if}}\n{{/each}}" +
        "{{json items}} {{json meta indent=2}}";

    private static readonly string[] s_inputs =
    {
        """{"title":"T","meta":{"owner":"Zoë"},"items":[{"label":"a","score":1,"done":true,"tags":["x"]},{"done":false,"score":2.5,"label":"b"},{"score":1e3},{"label":"c","label":"d","o":{"b":"ob"}},{"label":"","score":0,"tags":[],"o":{}}]}""",
        """{"title":"esc","meta":{"own\u0065r":"escaped name","2":"index key","a":1,"a":2},"items":[{"l\u0061bel":"escaped","tags":[]},{"label":"q\"uote","score":-0,"tags":["y","z"]}]}""",
        """{"title":null,"items":[]}""",
        """{"meta":"text","items":{"k":{"label":"object iterated"}}}""",
    };

    private static readonly Lazy<Type> s_compiled = new(() => RenderComparison.CompileDynamic("Dynamic/Paths.prompt", Source, "dynamic_paths"));

    public static IEnumerable<object[]> Cases() => Enumerable.Range(0, s_inputs.Length).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_equals_the_runtime_renderer(int input)
    {
        RenderComparison.AssertSameAsRuntime(s_compiled.Value, Source, s_inputs[input]);
    }

    private const string Source = "---\nname: dynamic_paths\n---\n" + Template;
}
