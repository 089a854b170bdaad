using System;
using System.IO;
using System.Linq;
using PromptGen.Cli.Arguments;
using PromptGen.Cli.Files;

namespace PromptGen.Cli.Tests;

public sealed class PromptFileFinderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"promptgen-find-{Guid.NewGuid():N}");

    public PromptFileFinderTests()
    {
        foreach (var file in new[] { "b.prompt", "a.prompt", "_part.prompt", "notes.txt", "sub/c.prompt", "bin/Debug/copied.prompt", "obj/x.prompt", ".hidden/h.prompt", "node_modules/pkg/n.prompt" })
        {
            var path = Path.Combine(_root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "Hello");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Directories_are_searched_recursively_in_a_stable_order_skipping_build_output()
    {
        var found = PromptFileFinder.Find(new[] { _root });
        var relative = found.Select(f => Path.GetRelativePath(_root, f.DisplayPath).Replace('\\', '/')).ToList();
        Assert.Equal(new[] { "_part.prompt", "a.prompt", "b.prompt", "sub/c.prompt" }, relative);
        Assert.All(found, f => Assert.Equal(Path.GetFullPath(_root), f.SearchRoot));
        Assert.True(found[0].IsPartial);
        Assert.False(found[1].IsPartial);
    }

    [Fact]
    public void Display_paths_keep_the_form_the_user_gave()
    {
        var found = PromptFileFinder.Find(new[] { Path.Combine(_root, "sub") });
        Assert.Equal(Path.Combine(_root, "sub", "c.prompt"), Assert.Single(found).DisplayPath);
    }

    [Fact]
    public void A_file_named_directly_is_taken_as_is_and_only_once()
    {
        var file = Path.Combine(_root, "sub", "c.prompt");
        var found = PromptFileFinder.Find(new[] { file, _root });
        Assert.Equal(4, found.Count);
        Assert.Equal(file, found[0].DisplayPath);
        Assert.Equal(Path.Combine(_root, "sub"), found[0].SearchRoot);
    }

    [Fact]
    public void A_missing_path_is_a_usage_error()
    {
        var error = Assert.Throws<UsageException>(() => PromptFileFinder.Find(new[] { Path.Combine(_root, "missing") }));
        Assert.Contains("no such file or directory", error.Message);
    }
}
