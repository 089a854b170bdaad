using PromptGen.Language.Values;
using PromptGen.Rendering;

namespace PromptGen.Tests.Serialization;

/// <summary>Defaults under untyped input: the run-time renderer's rule (key by key, the input wins, even with null).</summary>
public sealed class PromptInputDefaultsTests
{
    [Theory]
    [InlineData("""{"name":"Ann"}""", """{"tone":"friendly","size":1,"name":"Ann"}""")]
    [InlineData("""{"tone":"dry","name":"Ann"}""", """{"tone":"dry","size":1,"name":"Ann"}""")]
    [InlineData("""{"tone":null}""", """{"tone":null,"size":1}""")]
    [InlineData("""[1]""", """{"tone":"friendly","size":1}""")]
    public void The_input_wins_key_by_key_over_the_defaults(string input, string expected)
    {
        var defaults = TemplateRuntime.FromJson("""{"tone":"friendly","size":1}""");

        var merged = PromptInputDefaults.Apply(defaults, TemplateRuntime.FromJson(input));

        Assert.Equal(expected, PromptJson.Serialize((PromptValue)merged!));
    }
}
