using System;
using PromptGen.Consumer.Tests.Prompts;

namespace PromptGen.Consumer.Tests;

/// <summary>Generated enums keep their JSON (wire) names reachable: <c>ToWireName()</c> and <c>TryParseWireName</c>.</summary>
public sealed class WireNameTests
{
    [Fact]
    public void To_wire_name_gives_the_json_value_of_a_member()
    {
        Assert.Equal("technical", ClassifyTicketPrompt.Category.Technical.ToWireName());
        Assert.Equal("over-the-moon", GreetPrompt.Mood.OverTheMoon.ToWireName());
        Assert.Equal("USD", ExtractInvoicePrompt.Currency.USD.ToWireName());
    }

    [Fact]
    public void Every_member_round_trips_through_its_wire_name()
    {
        foreach (var member in Enum.GetValues<ClassifyTicketPrompt.Category>())
        {
            Assert.True(PromptEnumExtensions.TryParseWireName(member.ToWireName(), out ClassifyTicketPrompt.Category parsed));
            Assert.Equal(member, parsed);
        }
    }

    [Theory]
    [InlineData("Technical")]
    [InlineData("tech")]
    [InlineData("")]
    [InlineData(null)]
    public void Try_parse_wire_name_takes_exact_wire_names_only(string? text)
    {
        Assert.False(PromptEnumExtensions.TryParseWireName(text, out ClassifyTicketPrompt.Category _));
    }

    [Fact]
    public void A_value_that_is_no_member_has_no_wire_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ClassifyTicketPrompt.Category)42).ToWireName());
    }
}
