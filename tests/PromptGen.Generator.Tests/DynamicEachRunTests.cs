using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Generator.Tests.Infrastructure;

namespace PromptGen.Generator.Tests;

/// <summary>
/// Generated dynamic Render runs an <c>#each</c> over an input array item by item, with one object view moved from
/// object to object, and tests <c>@first</c>/<c>@last</c> by the run's flags: both must give the run-time renderer's
/// messages for an #each inside an #each over the same array (the outer item read again after the inner run), items
/// that are not all objects (or not all of one shape), <c>#with</c> of the item, a block over the array and
/// <c>@first</c>/<c>@last</c> read through <c>#with</c>.
/// </summary>
public sealed class DynamicEachRunTests
{
    private const string Template =
        "{{role \"user\"}}{{#each items}}{{#if @first}}<{{/if}}{{name}}:" +
        "{{#each ../items}}{{name}}{{#unless @last}},{{/unless}}{{#if @first}}^{{/if}}{{/each}}" +
        "={{name}}{{#with this}}({{name}}{{#if @last}}!{{/if}}){{/with}}{{#unless @first}}.{{/unless}}{{#if @last}}>{{/if}}{{this}}\n{{/each}}" +
        "{{#items}}[{{name}}]{{/items}}{{#each items}}{{#each this}}{{@key}}={{this}};{{/each}}{{/each}}";

    private static readonly string[] s_inputs =
    {
        """{"items":[{"name":"a"},{"name":"b"},{"name":"c"}]}""",
        """{"items":[{"name":"a"},"s",{"name":"c","name":"d"},{"other":1},{"n\u0061me":"e"},7,null,{"name":"f","x":[1]}]}""",
        """{"items":[]}""",
        """{"items":[{"name":"only"}]}""",
    };

    private static readonly Lazy<Type> s_compiled = new(() => RenderComparison.CompileDynamic("Dynamic/EachRuns.prompt", Source, "dynamic_each_runs"));

    public static IEnumerable<object[]> Cases() => Enumerable.Range(0, s_inputs.Length).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Render_equals_the_runtime_renderer(int input)
    {
        RenderComparison.AssertSameAsRuntime(s_compiled.Value, Source, s_inputs[input]);
    }

    private const string Source = "---\nname: dynamic_each_runs\n---\n" + Template;
}
