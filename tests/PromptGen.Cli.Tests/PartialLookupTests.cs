using System;
using System.IO;
using PromptGen.Language.Semantics;

namespace PromptGen.Cli.Tests;

/// <summary>
/// The one documented rule, as the build applies it: <c>{{&gt; name}}</c> resolves to <c>_name.prompt</c> anywhere in
/// the prompt's project (the nearest folder with a .csproj, else the folder given); the first path in ordinal order
/// wins a shared name.
/// </summary>
public sealed class PartialLookupTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "promptgen-partials-" + Guid.NewGuid().ToString("N"));

    public PartialLookupTests()
    {
        Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write("Prompts/_footer.prompt", "Thanks, the support team.");
        Write("Prompts/team/_footer.prompt", "Team footer.");
        Write("Shared/_signature.prompt", "-- Acme");
        Write("Prompts/team/sub/ask.prompt", "Answer the question.\n{{> footer}}\n{{> signature}}");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string PathOf(string relative) => Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));

    private void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    [Fact]
    public void A_file_named_directly_sees_every_partial_of_its_project()
    {
        var run = CliRun.Of("check", PathOf("Prompts/team/sub/ask.prompt"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void A_subfolder_named_on_the_command_line_still_sees_the_whole_project()
    {
        var run = CliRun.Of("check", PathOf("Prompts/team"));
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void The_project_folder_is_the_nearest_folder_with_a_project_file()
    {
        Assert.Equal(Path.GetFullPath(_root), PromptProject.FindRoot(PathOf("Prompts/team/sub/ask.prompt")));
    }

    [Fact]
    public void Without_a_project_file_the_folder_given_is_the_project()
    {
        File.Delete(PathOf("App.csproj"));
        Directory.CreateDirectory(PathOf(".git"));
        var run = CliRun.Of("check", PathOf("Prompts"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error PG0206: Partial 'signature' not found", run.Stdout);
    }

    [Fact]
    public void The_first_path_in_ordinal_order_wins_a_shared_name()
    {
        var partial = PromptProject.For(_root).Partials.Resolve("footer");
        Assert.NotNull(partial);
        Assert.Equal(PathOf("Prompts/_footer.prompt"), partial!.Path);
        Assert.Null(PromptProject.For(_root).Partials.Resolve("header"));
    }

    [Fact]
    public void Render_uses_the_same_partials_as_check()
    {
        var run = CliRun.Of("render", PathOf("Prompts/team/sub/ask.prompt"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Thanks, the support team.", run.Stdout);
        Assert.Contains("-- Acme", run.Stdout);
    }
}
