using System;
using CsCheck;
using PromptGen.Property.Tests.Prompts;

namespace PromptGen.Property.Tests;

/// <summary>
/// parse(print(x)) == x for the generated output types: clean JSON (any escaping, compact or indented) goes through
/// the strict reader with a clean report; the same JSON in a code fence after prose goes through schema-aligned
/// repair and still gives x.
/// </summary>
public sealed class ParseRoundTripTests
{
    private const int Iterations = 500;

    [Fact]
    public void ClassifyTicket_parse_of_print_is_identity() =>
        RoundTrip(OutputCases.ClassifyTicket, (v, a, i) => OutputPrinter.Print(v, a, i), t => Parse<ClassifyTicketPrompt.Output>(ClassifyTicketPrompt.TryParse, t));

    [Fact]
    public void ExtractTicketDetails_parse_of_print_is_identity() =>
        RoundTrip(OutputCases.ExtractTicketDetails, (v, a, i) => OutputPrinter.Print(v, a, i), t => Parse<ExtractTicketDetailsPrompt.Output>(ExtractTicketDetailsPrompt.TryParse, t));

    [Fact]
    public void PlanTrip_parse_of_print_is_identity() =>
        RoundTrip(OutputCases.PlanTrip, (v, a, i) => OutputPrinter.Print(v, a, i), t => Parse<PlanTripPrompt.Output>(PlanTripPrompt.TryParse, t));

    private delegate bool TryParse<T>(string text, out T? value, out PromptParseReport report);

    private static (T Value, PromptParseReport Report) Parse<T>(TryParse<T> tryParse, string text)
    {
        Assert.True(tryParse(text, out var value, out var report), $"Not parsed: {report.Error}\n{text}");
        return (value!, report);
    }

    private static void RoundTrip<T>(Gen<T> values, Func<T, bool, bool, string> print, Func<string, (T Value, PromptParseReport Report)> parse) =>
        values.Select(Gen.Bool, Gen.Bool).Sample((value, asciiOnly, indented) =>
        {
            var expected = print(value, false, false);
            var json = print(value, asciiOnly, indented);

            var (clean, report) = parse(json);
            Assert.Equal(expected, print(clean, false, false));
            Assert.True(report.IsClean, $"Clean JSON was repaired: {string.Join(", ", report.Repairs)}\n{json}");

            var (repaired, _) = parse("Here is the JSON you asked for:\n```json\n" + json + "\n```\nLet me know if you need more.");
            Assert.Equal(expected, print(repaired, false, false));
        }, iter: Iterations, threads: 1, print: t => print(t.Item1, false, false));
}
