using System.IO;
using System.Linq;
using PromptGen.Cli.Files;

namespace PromptGen.Cli.Tests;

/// <summary>The documented rule: nearest folder first, up to the folder named on the command line.</summary>
public sealed class PartialLookupTests
{
    private static string Root => Fixture.PathOf("partials-nested");

    [Fact]
    public void A_partial_in_an_ancestor_folder_resolves_when_that_folder_was_named()
    {
        var run = CliRun.Of("check", Root);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void The_search_stops_at_the_folder_named_on_the_command_line()
    {
        var run = CliRun.Of("check", Path.Combine(Root, "team", "sub"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error PG0206: ", run.Stdout);
    }

    [Fact]
    public void A_file_named_directly_sees_only_its_own_folder()
    {
        var run = CliRun.Of("check", Path.Combine(Root, "team", "sub", "ask.prompt"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ask.prompt(2,5): error PG0206: ", run.Stdout);
    }

    [Fact]
    public void The_nearest_definition_wins()
    {
        var file = PromptFileFinder.Find(new[] { Root }).Single(f => f.FullPath.EndsWith("ask.prompt", System.StringComparison.Ordinal));
        var partial = new PartialLookup().For(file).Resolve("footer");
        Assert.NotNull(partial);
        Assert.Equal(Path.Combine(Path.GetFullPath(Root), "team", "_footer.prompt"), partial!.Path);
        Assert.Null(new PartialLookup().For(file).Resolve("header"));
    }
}
