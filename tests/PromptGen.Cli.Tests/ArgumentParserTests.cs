using PromptGen.Cli.Arguments;

namespace PromptGen.Cli.Tests;

public sealed class ArgumentParserTests
{
    private static readonly VerbSpec s_verb = new(
        "demo", new PositionalSpec("<file>", 1, 2), "Demo.", "Demo verb.",
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

    [Fact]
    public void A_subcommand_counts_as_the_first_positional_and_must_be_given_as_declared()
    {
        var verb = s_verb with { Positionals = PositionalSpec.Subcommand("import", PositionalSpec.One("<file>")) };

        Assert.Equal(new[] { "import", "a" }, ArgumentParser.Parse(verb, new[] { "import", "a" }).Positionals);
        Assert.Equal("usage: promptgen demo import <file> [--value <text>] [--flag]", verb.UsageLine);
        var wrong = Assert.Throws<UsageException>(() => ArgumentParser.Parse(verb, new[] { "export", "a" }));
        Assert.Equal("unknown 'demo' command 'export'; the command is 'import'", wrong.Message);
        var missing = Assert.Throws<UsageException>(() => ArgumentParser.Parse(verb, new[] { "import" }));
        Assert.Equal("'demo' needs import <file>", missing.Message);
        var extra = Assert.Throws<UsageException>(() => ArgumentParser.Parse(verb, new[] { "import", "a", "b" }));
        Assert.Equal("unexpected argument 'b' for 'demo'", extra.Message);
    }

    [Fact]
    public void A_subcommand_over_any_number_of_arguments_takes_any_number_after_it()
    {
        var verb = s_verb with { Positionals = PositionalSpec.Subcommand("export", PositionalSpec.Any("[dir ...]")) };

        Assert.Equal(new[] { "export" }, ArgumentParser.Parse(verb, new[] { "export" }).Positionals);
        Assert.Equal(4, ArgumentParser.Parse(verb, new[] { "export", "a", "b", "c" }).Positionals.Count);
        Assert.Equal("'demo' needs export [dir ...]", Assert.Throws<UsageException>(() => ArgumentParser.Parse(verb, new string[0])).Message);
    }
}
