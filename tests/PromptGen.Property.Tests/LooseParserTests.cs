using System;
using System.Linq;
using System.Text;
using CsCheck;
using PromptGen.Property.Tests.Prompts;

namespace PromptGen.Property.Tests;

/// <summary>
/// The loose parser's promise on bad input: <c>TryParse</c> and <c>SchemaAlignedParser.Parse</c> never throw and never
/// fail with an internal error; <c>Parse</c> throws only <see cref="PromptOutputException"/>. Checked on random text and
/// on random mutations of valid JSON, where most repairs and most failures happen.
/// </summary>
public sealed class LooseParserTests
{
    private const int Iterations = 1000;

    /// <summary>Characters that matter to the loose parser, with others mixed in.</summary>
    private static readonly Gen<string> Token = Gen.OneOf(
        Gen.OneOf("{", "}", "[", "]", "\"", "'", ":", ",", "\\", "/", "*", "//", "/*", "*/", "```", "```json\n", "~~~", "\n", " ", "\t",
            "true", "false", "null", "None", "NaN", "-", "+", ".", "e", "E", "0x", "1", "0", "9", "Infinity", "\\u", "\\ud83d", "\u00a0", "é", "👍"),
        Gen.OneOf("category", "billing", "priority", "high", "summary", "confidence", "title", "days", "pace", "fast", "orders", "items"),
        Generators.Text);

    private static readonly Gen<string> RandomText = Token.Array[0, 40].Select(string.Concat);

    /// <summary>A valid answer with one to four random edits: deletion, insertion, replacement, truncation, duplication.</summary>
    private static readonly Gen<string> MutatedJson =
        from valid in Gen.OneOf(
            OutputCases.ClassifyTicket.Select(v => OutputPrinter.Print(v)),
            OutputCases.PlanTrip.Select(v => OutputPrinter.Print(v, indented: true)),
            OutputCases.ExtractTicketDetails.Select(v => OutputPrinter.Print(v, asciiOnly: true)))
        from edits in Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], Gen.Int[0, 20], Token).Array[1, 4]
        select edits.Aggregate(valid, Mutate);

    private static string Mutate(string text, (int Kind, double Where, int Length, string Token) edit)
    {
        var at = (int)(edit.Where * text.Length);
        var length = Math.Min(edit.Length, text.Length - at);
        return edit.Kind switch
        {
            0 => text.Remove(at, length),
            1 => text.Insert(at, edit.Token),
            2 => text.Remove(at, length).Insert(at, edit.Token),
            3 => text.Substring(0, at),
            _ => text.Insert(at, text.Substring(at, length)),
        };
    }

    [Fact]
    public void Random_text_never_throws_from_TryParse_or_anything_but_PromptOutputException_from_Parse() =>
        RandomText.Sample(AssertPromise, iter: Iterations, threads: 1);

    [Fact]
    public void Mutated_valid_json_never_throws_from_TryParse_or_anything_but_PromptOutputException_from_Parse() =>
        MutatedJson.Sample(AssertPromise, iter: Iterations, threads: 1);

    private static void AssertPromise(string text)
    {
        var classify = ClassifyTicketPrompt.TryParse(text, out var ticket, out var classifyReport);
        Assert.Equal(classify, ticket is not null);
        AssertNoInternalError(classifyReport);
        PlanTripPrompt.TryParse(text, out _, out var tripReport);
        AssertNoInternalError(tripReport);
        ExtractTicketDetailsPrompt.TryParse(text, out _, out var extractReport);
        AssertNoInternalError(extractReport);

        try
        {
            PlanTripPrompt.Parse(text);
        }
        catch (PromptOutputException exception)
        {
            Assert.False(string.IsNullOrEmpty(exception.Report.Error));
            Assert.Equal(text, exception.ModelText);
        }

        foreach (var shape in new[] { OutputShape.Any, OutputShape.String, OutputShape.Integer, OutputShape.Array(OutputShape.Number) })
        {
            AssertNoInternalError(SchemaAlignedParser.Parse(text, shape).Report);
        }
    }

    /// <summary>The parser turns its own bugs into a failed parse with this text; random input must never reach it.</summary>
    private static void AssertNoInternalError(PromptParseReport report) =>
        Assert.False(report.Error?.StartsWith("internal parser error", StringComparison.Ordinal) == true, report.Error);
}
