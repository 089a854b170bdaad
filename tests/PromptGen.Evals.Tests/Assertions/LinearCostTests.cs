using PromptGen.Language.Text;
using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PromptGen.Evals.Assertions;

namespace PromptGen.Evals.Tests.Assertions;

/// <summary>
/// Inputs sized so that work growing with the square of their length would take minutes: these tests finish at once
/// in linear time and time out (generously) otherwise. They assert results, never speed.
/// </summary>
public sealed class LinearCostTests
{
    private const int Generous = 120_000;

    [Fact(Timeout = Generous)]
    public async Task Judge_verdict_after_a_million_unclosed_braces_is_found()
    {
        var text = new string('{', 1_000_000) + " verdict: {\"pass\": true, \"score\": 0.9}";

        var verdict = await Task.Run(() => JudgeVerdict.Parse(text));

        Assert.Equal(new JudgeVerdict(true, 0.9, null), verdict);
    }

    [Fact(Timeout = Generous)]
    public async Task Judge_verdict_inside_a_deep_unbalanced_nest_is_read_loosely()
    {
        var nest = string.Concat(Enumerable.Repeat("{\"a\": ", 200_000));
        var text = nest + "{\"pass\": false, \"score\": 2}";

        var verdict = await Task.Run(() => JudgeVerdict.Parse(text));

        Assert.NotNull(verdict);
        Assert.False(verdict!.Pass);
    }

    [Fact(Timeout = Generous)]
    public async Task Judge_verdict_in_a_large_valid_object_is_found_in_document_order()
    {
        var filler = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"{{\"n\":{i}}}"));
        var text = "{\"items\": [" + filler + "], \"inner\": {\"pass\": \"yes\", \"reason\": \"ok\"}} and later {\"pass\": false}";

        var verdict = await Task.Run(() => JudgeVerdict.Parse(text));

        Assert.Equal(new JudgeVerdict(true, null, "ok"), verdict);
    }

    [Fact(Timeout = Generous)]
    public async Task Levenshtein_of_two_large_texts_under_a_small_bound()
    {
        var random = new Random(7);
        var a = new string(Enumerable.Range(0, 300_000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var edited = new StringBuilder(a).Remove(1_000, 1).Insert(150_000, "xy");
        edited[200_000] = '#';
        var b = edited.ToString();

        var (near, far, shorter) = await Task.Run(() => (
            EditDistance.Distance(a, b, 10),
            EditDistance.Distance(a, new string(a.Reverse().ToArray()), 10),
            EditDistance.Distance(a, a.Substring(0, 100_000), 10)));

        Assert.Equal(4, near);
        Assert.Equal(11, far);
        Assert.Equal(11, shorter);
    }

    [Fact(Timeout = Generous)]
    public async Task A_levenshtein_assertion_on_a_large_output_is_scored()
    {
        var reference = string.Concat(Enumerable.Repeat("The customer was charged twice. ", 8_000));
        var output = "{\"summary\":" + System.Text.Json.JsonSerializer.Serialize(reference.Replace("twice. The", "twice! The")) + "}";
        var assertion = AssertionScorerTests.ParseAssertion("{ path: summary, levenshtein: { value: '" + reference + "', max: 3 } }");

        var outcome = await Task.Run(() => AssertionScorer.Score(assertion, new AssertionSubject { OutputJson = output }));

        Assert.False(outcome.Passed);
        Assert.Contains("distance is more than 64", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("kitten", "sitting", 2, 3)]
    [InlineData("", "abcd", 10, 4)]
    [InlineData("abcd", "", 1, 2)]
    [InlineData("flaw", "lawn", 2, 2)]
    [InlineData("same", "same", 0, 0)]
    [InlineData("ab", "ba", 1, 2)]
    public void Bounded_distance_is_exact_up_to_the_bound(string a, string b, int bound, int expected)
    {
        Assert.Equal(expected, EditDistance.Distance(a, b, bound));
        Assert.Equal(EditDistance.Distance(b, a, bound), EditDistance.Distance(a, b, bound));
    }

    [Fact]
    public void Bounded_distance_equals_the_exact_one_on_random_pairs()
    {
        var random = new Random(11);
        for (var round = 0; round < 2_000; round++)
        {
            var a = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)('a' + random.Next(3))).ToArray());
            var b = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)('a' + random.Next(3))).ToArray());
            var exact = Full(a, b);
            var bound = random.Next(0, 8);
            Assert.Equal(exact <= bound ? exact : bound + 1, EditDistance.Distance(a, b, bound));
            Assert.Equal(exact, EditDistance.Distance(a, b));
        }
    }

    // The textbook table, as the reference.
    private static int Full(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
