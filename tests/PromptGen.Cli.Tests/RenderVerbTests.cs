using System.Diagnostics;
using System.IO;
using System.Text;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen render</c> on a sample with partials, context, history, defaults and non-ASCII text.</summary>
public sealed class RenderVerbTests
{
    private const string Context = "{\"state\":{\"team\":\"Ünicode Crew\"}}";

    private static string Prompt => Fixture.PathOf("render/greeting.prompt");

    private static string[] Arguments => new[]
    {
        "render", Prompt,
        "--input", "@" + Fixture.PathOf("render/input.json"),
        "--context", Context,
        "--history", "@" + Fixture.PathOf("render/history.json"),
    };

    /// <summary>The expected output was produced by the Dotprompt reference runtime (keys sorted).</summary>
    private static PromptValue Expected => PromptJson.Parse(File.ReadAllText(Fixture.PathOf("render/expected-output.json")));

    [Fact]
    public void Prints_the_reference_runtimes_rendered_prompt()
    {
        var run = CliRun.Of(Arguments);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Expected, PromptJson.Parse(run.Stdout));
        Assert.StartsWith("{\n  \"", run.Stdout);
        Assert.EndsWith("}\n", run.Stdout);
    }

    [Fact]
    public void Partials_folder_can_be_given_explicitly()
    {
        var args = new System.Collections.Generic.List<string>(Arguments) { "--partials", Fixture.PathOf("render") };
        var run = CliRun.Of(args.ToArray());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Expected, PromptJson.Parse(run.Stdout));
    }

    [Fact]
    public void A_prompt_with_errors_is_reported_on_stderr_and_not_rendered()
    {
        var path = Fixture.PathOf("mistakes/unknown-helper.prompt");
        var run = CliRun.Of("render", path, "--input", "{\"name\":\"x\"}");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains($"{path}(1,", run.Stderr);
        Assert.Contains("error PG0202: ", run.Stderr);
    }

    [Fact]
    public void The_tool_writes_UTF8_without_a_byte_order_mark()
    {
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(System.AppContext.BaseDirectory, "PromptGen.Cli.dll"));
        foreach (var argument in Arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        using var bytes = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, stderr);
        var output = bytes.ToArray();
        Assert.False(output.Length >= 3 && output[0] == 0xEF && output[1] == 0xBB && output[2] == 0xBF, "output starts with a BOM");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output);
        Assert.Contains("Grüße an Zoë 👋 from Ünicode Crew.", text);
        Assert.Equal(Expected, PromptJson.Parse(text));
    }
}
