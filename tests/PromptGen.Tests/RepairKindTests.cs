using System;
using System.Collections.Generic;
using System.Linq;

namespace PromptGen.Tests;

public class RepairKindTests
{
    private static readonly OutputShape Item = OutputShape.Object(
        new OutputProperty("name", OutputShape.String),
        new OutputProperty("count", OutputShape.Integer),
        new OutputProperty("ok", OutputShape.Boolean, required: false),
        new OutputProperty("level", OutputShape.Enum("low", "medium", "high"), required: false),
        new OutputProperty("tags", OutputShape.Array(OutputShape.String), required: false),
        new OutputProperty("score", OutputShape.Number, required: false));

    /// <summary>One model output per repair kind that needs exactly that repair (among possibly others).</summary>
    public static IEnumerable<object[]> Examples() => new[]
    {
        Case(PromptRepairKind.StrippedCodeFence, "```json\n{\"name\": \"a\", \"count\": 1}\n```"),
        Case(PromptRepairKind.StrippedProse, "Here you go: {\"name\": \"a\", \"count\": 1}"),
        Case(PromptRepairKind.PickedCandidate, "{\"x\": 1} and {\"name\": \"a\", \"count\": 1}"),
        Case(PromptRepairKind.TrailingComma, "{\"name\": \"a\", \"count\": 1,}"),
        Case(PromptRepairKind.MissingComma, "{\"name\": \"a\" \"count\": 1}"),
        Case(PromptRepairKind.MissingColon, "{\"name\" \"a\", \"count\": 1}"),
        Case(PromptRepairKind.RemovedComment, "{\"name\": \"a\", /* c */ \"count\": 1}"),
        Case(PromptRepairKind.SingleQuotes, "{'name': 'a', 'count': 1}"),
        Case(PromptRepairKind.UnquotedKey, "{name: \"a\", count: 1}"),
        Case(PromptRepairKind.UnquotedValue, "{\"name\": a, \"count\": 1}"),
        Case(PromptRepairKind.EscapedNewlineInString, "{\"name\": \"a\nb\", \"count\": 1}"),
        Case(PromptRepairKind.EscapedQuoteInString, "{\"name\": \"a \"b\" c\", \"count\": 1}"),
        Case(PromptRepairKind.InvalidEscape, "{\"name\": \"a\\qb\", \"count\": 1}"),
        Case(PromptRepairKind.ClosedTruncated, "{\"name\": \"a\", \"count\": 1"),
        Case(PromptRepairKind.PythonLiteral, "{\"name\": \"a\", \"count\": 1, \"ok\": True}"),
        Case(PromptRepairKind.NonStandardNumber, "{\"name\": \"a\", \"count\": +1}"),
        Case(PromptRepairKind.SkippedCharacters, "{\"name\": \"a\", @ \"count\": 1}"),
        Case(PromptRepairKind.NumberFromString, "{\"name\": \"a\", \"count\": \"1\"}"),
        Case(PromptRepairKind.NumberWithSeparators, "{\"name\": \"a\", \"count\": \"1,000\"}"),
        Case(PromptRepairKind.FloatToInteger, "{\"name\": \"a\", \"count\": 1.0}"),
        Case(PromptRepairKind.BooleanFromString, "{\"name\": \"a\", \"count\": 1, \"ok\": \"yes\"}"),
        Case(PromptRepairKind.StringFromScalar, "{\"name\": 5, \"count\": 1}"),
        Case(PromptRepairKind.EnumCaseFixed, "{\"name\": \"a\", \"count\": 1, \"level\": \"HIGH\"}"),
        Case(PromptRepairKind.EnumFromPrefixOrWord, "{\"name\": \"a\", \"count\": 1, \"level\": \"med\"}"),
        Case(PromptRepairKind.SingleValueToList, "{\"name\": \"a\", \"count\": 1, \"tags\": \"x\"}"),
        Case(PromptRepairKind.ListToSingleValue, "{\"name\": [\"a\"], \"count\": 1}"),
        Case(PromptRepairKind.UnwrappedDataWrapper, "{\"data\": {\"name\": \"a\", \"count\": 1}}"),
        Case(PromptRepairKind.PropertyNameFixed, "{\"Name\": \"a\", \"COUNT\": 1}"),
        Case(PromptRepairKind.NullForMissingOptional, "{\"name\": \"a\", \"count\": 1}"),
        Case(PromptRepairKind.DroppedUnknownProperty, "{\"name\": \"a\", \"count\": 1, \"extra\": 2}"),
        Case(PromptRepairKind.DuplicateProperty, "{\"name\": \"a\", \"name\": \"b\", \"count\": 1}"),
    };

    [Fact]
    public void Every_repair_kind_has_an_example()
    {
        var covered = Examples().Select(e => (PromptRepairKind)e[0]).ToHashSet();
        var missing = Enum.GetValues<PromptRepairKind>().Where(k => !covered.Contains(k)).ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Repair_is_applied_and_reported(PromptRepairKind kind, string text)
    {
        var outcome = SchemaAlignedParser.Parse(text, Item);
        Assert.True(outcome.Success, outcome.Report.ToString());
        Assert.True(outcome.Report.Has(kind), outcome.Report.ToString());
        Assert.Equal(kind != PromptRepairKind.NullForMissingOptional, !outcome.Report.IsClean);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Strict_mode_rejects_every_repair_but_benign_ones(PromptRepairKind kind, string text)
    {
        var outcome = SchemaAlignedParser.Parse(text, Item, new PromptParseOptions { Strict = true });
        if (kind == PromptRepairKind.NullForMissingOptional)
        {
            Assert.True(outcome.Success, outcome.Report.ToString());
        }
        else
        {
            Assert.False(outcome.Success);
            Assert.StartsWith("strict mode", outcome.Report.Error, StringComparison.Ordinal);
        }
    }

    private static object[] Case(PromptRepairKind kind, string text) => new object[] { kind, text };
}
