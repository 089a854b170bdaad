using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PromptGen.Tests.Corpus;

namespace PromptGen.Tests;

public class ParsingCorpusTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "ParsingCorpus");
    private static readonly Lazy<Dictionary<string, OutputShape>> Shapes = new(() => CorpusShapes.Load(Root));

    public static IEnumerable<object[]> Cases() =>
        CorpusCase.LoadAll(Root).Select(c => new object[] { c.Id });

    [Fact]
    public void Corpus_has_at_least_150_cases_in_every_category()
    {
        var cases = CorpusCase.LoadAll(Root).ToList();
        Assert.True(cases.Count >= 150, $"only {cases.Count} cases");
        var categories = cases.Select(c => c.Category).Distinct().ToList();
        foreach (var required in new[]
        {
            "fences", "prose", "multiple-candidates", "trailing-commas", "comments", "quotes", "unquoted",
            "strings-with-newlines-quotes", "truncated", "numbers", "booleans", "enums", "single-to-list",
            "wrappers", "optional-missing", "clean", "rejects",
        })
        {
            Assert.Contains(required, categories);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Corpus_case(string id)
    {
        var corpusCase = CorpusCase.Load(Root, Path.Combine(Root, id + ".txt"));
        var shape = Shapes.Value[corpusCase.Shape];
        var outcome = SchemaAlignedParser.Parse(corpusCase.ModelText, shape);
        var report = outcome.Report;

        if (corpusCase.ExpectError is not null)
        {
            Assert.False(outcome.Success, $"expected failure, got {outcome.JsonText}\n{report}");
            Assert.Contains(corpusCase.ExpectError, report.Error!, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(outcome.Success, report.ToString());
            using var expected = JsonDocument.Parse(corpusCase.ExpectJson!);
            using var actual = JsonDocument.Parse(outcome.Utf8Json);
            Assert.True(
                JsonEquivalence.AreEquivalent(expected.RootElement, actual.RootElement, out var difference),
                difference + "\nactual: " + outcome.JsonText + "\n" + report);
        }

        foreach (var kind in corpusCase.Repairs)
        {
            var expectedKind = Enum.Parse<PromptRepairKind>(kind);
            Assert.True(report.Has(expectedKind), $"missing repair {kind}\n{report}");
        }

        // Every reported span lies inside the model text.
        foreach (var repair in report.Repairs)
        {
            Assert.InRange(repair.Start, 0, corpusCase.ModelText.Length);
            Assert.InRange(repair.Start + repair.Length, repair.Start, corpusCase.ModelText.Length);
            Assert.StartsWith("$", repair.Path, StringComparison.Ordinal);
        }
    }
}
