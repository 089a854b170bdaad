using PromptGen.Cli.Arguments;

namespace PromptGen.Cli.Tests;

public sealed class ArgumentParserTests
{
    private static readonly VerbSpec s_verb = new(
        "demo", "<file>", 1, 2, "Demo.", "Demo verb.",
        new[] { new OptionSpec("--value", "text", "A value."), new OptionSpec("--flag", null, "A flag.") });

    [Fact]
    public void Values_can_follow_the_option_or_an_equals_sign()
    {
        var parsed = ArgumentParser.Parse(s_verb, new[] { "a", "--value=x=y", "--flag" });
        Assert.Equal(new[] { "a" }, parsed.Positionals);
        Assert.Equal("x=y", parsed.GetValue("--value"));
        Assert.True(parsed.HasFlag("--flag"));

        parsed = ArgumentParser.Parse(s_verb, new[] { "--value", "-5", "a" });
        Assert.Equal("-5", parsed.GetValue("--value"));
        Assert.False(parsed.HasFlag("--flag"));
    }

    [Fact]
    public void Double_dash_ends_the_options()
    {
        var parsed = ArgumentParser.Parse(s_verb, new[] { "--", "--value", "b" });
        Assert.Equal(new[] { "--value", "b" }, parsed.Positionals);
        Assert.Null(parsed.GetValue("--value"));
    }

    [Fact]
    public void A_flag_with_a_value_is_an_error()
    {
        var error = Assert.Throws<UsageException>(() => ArgumentParser.Parse(s_verb, new[] { "a", "--flag=yes" }));
        Assert.Equal("option '--flag' takes no value", error.Message);
    }

    [Fact]
    public void Help_skips_the_positional_count_check()
    {
        var parsed = ArgumentParser.Parse(s_verb, new[] { "--help" });
        Assert.True(parsed.HelpRequested);
    }

    [Fact]
    public void Help_text_lists_every_option()
    {
        var help = s_verb.FormatHelp();
        Assert.StartsWith("usage: promptgen demo <file> [--value <text>] [--flag]", help);
        Assert.Contains("--value <text>  A value.", help);
        Assert.Contains("-h, --help      Show this help.", help);
    }
}
