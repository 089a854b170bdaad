using System.Linq;
using System.Reflection;
using PromptGen.Evals.Schemas;
using PromptGen.Serialization;

namespace PromptGen.Samples.Tests;

/// <summary>
/// The shape a generated prompt's parser holds (written by the generator from its mapped types) is the shape the
/// language core reads from the same output schema (what <c>promptgen parse</c> uses where no generated code exists).
/// </summary>
public sealed class OutputShapeAgreementTests
{
    [Fact]
    public void Every_sample_prompt_parses_into_the_shape_its_output_schema_describes()
    {
        var prompts = typeof(TicketTriage.OrderBook).Assembly.GetTypes()
            .Where(t => t.GetField("s_outputParser", BindingFlags.NonPublic | BindingFlags.Static) is not null)
            .ToList();

        Assert.True(prompts.Count >= 3, string.Join(", ", prompts.Select(p => p.Name)));
        Assert.All(prompts, prompt =>
        {
            var parser = prompt.GetField("s_outputParser", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
            var shape = (OutputShape)parser.GetType().GetProperty(nameof(PromptOutputParser<object>.Shape))!.GetValue(parser)!;
            var schema = (string)prompt.GetField("OutputJsonSchema")!.GetValue(null)!;

            Assert.Equal(OutputShapes.FromJsonSchema(schema).ToString(), shape.ToString());
        });
    }
}
