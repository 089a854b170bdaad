using System.Collections.Generic;
using System.Linq;

namespace PromptGen.Conformance.Tests;

/// <summary>The official Dotprompt spec suite, one test per case, run through PromptGen's run-time renderer.</summary>
public sealed class ConformanceTests
{
    public const int ExpectedCaseCount = 117;

    /// <summary>One row per case; the row is the case id so each case is its own test in every runner.</summary>
    public static IEnumerable<object[]> Cases() => SpecLoader.All.Select(c => new object[] { new SpecCaseId(c.Id) });

    [Theory(DisplayName = "Dotprompt spec")]
    [MemberData(nameof(Cases))]
    public void Case(SpecCaseId @case)
    {
        var spec = SpecLoader.All.Single(c => c.Id == @case.Value);
        var failures = SpecJudge.Judge(spec);
        Assert.True(failures.Count == 0, $"{spec.Id}\ntemplate:\n{spec.Template}\n{string.Join("\n\n", failures)}");
    }

    [Fact]
    public void Every_case_of_the_suite_is_discovered()
    {
        Assert.Equal(ExpectedCaseCount, SpecLoader.All.Count);
        Assert.Equal(ExpectedCaseCount, SpecLoader.All.Select(c => c.Id).Distinct().Count());
    }
}
