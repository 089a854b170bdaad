namespace PromptGen.Cli.Tests;

/// <summary>A wrong command line exits with 2 and shows the usage; the message says what is wrong and where.</summary>
public sealed class ArgumentErrorTests
{
    private static string Prompt => Fixture.PathOf("render/greeting.prompt");

    [Fact]
    public void No_arguments_print_the_general_usage_to_stderr()
    {
        var run = CliRun.Of();
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: promptgen <command>", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Unknown_verb_is_named()
    {
        var run = CliRun.Of("compile", "x.prompt");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown command 'compile'", run.Stderr);
        Assert.Contains("usage: promptgen <command>", run.Stderr);
    }

    [Fact]
    public void Unknown_option_is_named_with_the_verb_usage()
    {
        var run = CliRun.Of("check", "--colour", "x.prompt");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--colour'", run.Stderr);
        Assert.Contains("usage: promptgen check", run.Stderr);
    }

    [Fact]
    public void Option_without_its_value_is_reported()
    {
        var run = CliRun.Of("render", Prompt, "--input");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("option '--input' needs a value", run.Stderr);
        Assert.Contains("usage: promptgen render", run.Stderr);
    }

    [Fact]
    public void Option_followed_by_another_option_is_a_missing_value()
    {
        var run = CliRun.Of("render", Prompt, "--input", "--context", "{}");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("option '--input' needs a value", run.Stderr);
    }

    [Fact]
    public void Repeated_option_is_reported()
    {
        var run = CliRun.Of("render", Prompt, "--input", "{}", "--input", "{}");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'--input' is given more than once", run.Stderr);
    }

    [Fact]
    public void Check_needs_at_least_one_path()
    {
        var run = CliRun.Of("check");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'check' needs <files or dirs>...", run.Stderr);
    }

    [Fact]
    public void Render_takes_exactly_one_file()
    {
        var run = CliRun.Of("render", Prompt, Prompt);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unexpected argument", run.Stderr);
    }

    [Fact]
    public void Missing_path_is_reported_by_check()
    {
        var run = CliRun.Of("check", "no/such/prompts");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file or directory: 'no/such/prompts'", run.Stderr);
    }

    [Fact]
    public void Missing_prompt_file_is_reported_by_render()
    {
        var run = CliRun.Of("render", "no-such.prompt");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read 'no-such.prompt': no such file", run.Stderr);
    }

    [Fact]
    public void Unknown_format_is_reported()
    {
        var run = CliRun.Of("check", "--format", "xml", Prompt);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format must be 'text' or 'json', not 'xml'", run.Stderr);
    }

    [Fact]
    public void Invalid_inline_json_names_the_argument_line_and_column()
    {
        var run = CliRun.Of("render", Prompt, "--input", "{\"name\": Zoe}");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--input is not valid JSON", run.Stderr);
        Assert.Contains("line 1, column 10", run.Stderr);
    }

    [Fact]
    public void Invalid_json_file_names_the_file_line_and_column()
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"promptgen-{System.Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(file, "{\n  \"state\": {\n    \"team\": 'x'\n  }\n}\n");
        try
        {
            var run = CliRun.Of("render", Prompt, "--context", "@" + file);
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"--context file '{file}' is not valid JSON", run.Stderr);
            Assert.Contains("line 3, column 13", run.Stderr);
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    [Fact]
    public void Missing_json_file_is_reported()
    {
        var run = CliRun.Of("render", Prompt, "--input", "@no-such-input.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--input: cannot read 'no-such-input.json'", run.Stderr);
    }

    [Theory]
    [InlineData("--input", "[1, 2]", "--input must be a JSON object, not an array")]
    [InlineData("--context", "\"state\"", "--context must be a JSON object, not a string")]
    [InlineData("--history", "{}", "--history must be a JSON array of messages, not an object")]
    [InlineData("--history", "[{\"content\": []}]", "--history item 0 must be an object with a string \"role\"")]
    public void Json_of_the_wrong_shape_is_reported(string option, string json, string message)
    {
        var run = CliRun.Of("render", Prompt, option, json);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public void Missing_partials_folder_is_reported()
    {
        var run = CliRun.Of("render", Prompt, "--partials", "no/such/partials");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--partials: no such directory 'no/such/partials'", run.Stderr);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_goes_to_stdout_with_exit_code_0(string flag)
    {
        var run = CliRun.Of("render", flag);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("usage: promptgen render <file.prompt>", run.Stdout);
        Assert.Contains("--history <json|@file>", run.Stdout);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void General_help_lists_the_verbs()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  check ", run.Stdout);
        Assert.Contains("  render ", run.Stdout);
    }

    [Theory]
    [InlineData("render", "--input")]
    [InlineData("render", "--context")]
    [InlineData("parse", "--text")]
    public void At_sign_without_a_file_path_is_reported(string verb, string option)
    {
        var run = CliRun.Of(verb, Prompt, option, "@");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"promptgen {verb}: {option} '@' must be followed by a file path", run.Stderr);
        Assert.Contains($"usage: promptgen {verb}", run.Stderr);
    }

    [Theory]
    [InlineData("render", "--input")]
    [InlineData("parse", "--text")]
    public void At_sign_naming_a_missing_file_is_reported_with_the_option(string verb, string option)
    {
        var run = CliRun.Of(verb, Prompt, option, "@no/such/file.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option}: cannot read 'no/such/file.json': no such file", run.Stderr);
    }

    [Theory]
    [InlineData("render", "--input")]
    [InlineData("parse", "--text")]
    public void At_sign_naming_a_file_past_the_size_limit_is_reported_instead_of_read_to_the_end(string verb, string option)
    {
        using var folder = new TempFolder();
        var huge = folder.PathOf("huge.txt");
        using (var stream = System.IO.File.Create(huge)) stream.SetLength(PromptGen.Language.Text.BoundedFile.MaxBytes + 1L); // sparse: no disk written

        var file = CliRun.Of(verb, Prompt, option, "@" + huge);

        Assert.True(file.ExitCode == 2, file.ToString());
        Assert.Contains($"{option}: cannot read '{huge}': it is larger than 64 MiB", file.Stderr);
        if (System.IO.File.Exists("/dev/zero"))
        {
            // A device reports no length: File.ReadAllBytes read it until the process ran out of memory.
            var device = CliRun.Of(verb, Prompt, option, "@/dev/zero");
            Assert.True(device.ExitCode == 2, device.ToString());
            Assert.Contains($"{option}: cannot read '/dev/zero': it is larger than 64 MiB", device.Stderr);
        }
    }

    [Theory]
    [InlineData("cases", "export", "captures.jsonl", "import")]
    [InlineData("recordings", "import", ".", "export")]
    public void Unknown_subcommand_is_named_with_the_one_there_is(string verb, string subcommand, string argument, string expected)
    {
        var run = CliRun.Of(verb, subcommand, argument);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"unknown '{verb}' command '{subcommand}'; the command is '{expected}'", run.Stderr);
        Assert.Contains($"usage: promptgen {verb}", run.Stderr);
    }
}
