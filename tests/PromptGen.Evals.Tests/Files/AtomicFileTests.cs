using System;
using System.IO;
using System.Linq;
using System.Text;
using PromptGen.Evals.Files;

namespace PromptGen.Evals.Tests.Files;

/// <summary>Files are replaced whole or not at all, and a reader never sees half a file.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void The_complete_new_content_is_in_place_before_the_old_file_is_replaced()
    {
        var path = _folder.File("sub/file.json");
        AtomicFile.Write(path, Bytes("old"));
        var content = string.Concat(Enumerable.Repeat("new content ", 10_000));

        AtomicFile.Write(path, Bytes(content), overwrite: true, beforeReplace: temporary =>
        {
            Assert.Equal(content, File.ReadAllText(temporary));
            Assert.Equal("old", File.ReadAllText(path));
        });

        Assert.Equal(content, File.ReadAllText(path));
        Assert.Equal(new[] { "file.json" }, Directory.GetFiles(_folder.File("sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_write_that_fails_before_the_move_leaves_the_old_file_and_no_temporary_file()
    {
        var path = _folder.File("file.json");
        AtomicFile.Write(path, Bytes("old"));

        Assert.Throws<IOException>(() => AtomicFile.Write(path, Bytes("new"), overwrite: true, beforeReplace: _ => throw new IOException("disk full")));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Without_overwrite_an_existing_file_is_left_alone()
    {
        var path = _folder.File("file.json");
        AtomicFile.Write(path, Bytes("first"));

        Assert.False(AtomicFile.Write(path, Bytes("second"), overwrite: false));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.False(AtomicFile.WriteIfChanged(path, Bytes("first")));
        Assert.True(AtomicFile.WriteIfChanged(path, Bytes("third")));
    }

    [Fact]
    public void A_reader_that_opened_the_old_file_keeps_reading_the_old_content_whole()
    {
        if (OperatingSystem.IsWindows()) return; // replacing an open file is a Unix guarantee
        var path = _folder.File("file.json");
        var old = string.Concat(Enumerable.Repeat("old ", 5_000));
        AtomicFile.Write(path, Bytes(old));

        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        AtomicFile.WriteText(path, "new");

        Assert.Equal(old, reader.ReadToEnd());
        Assert.Equal("new", File.ReadAllText(path));
    }
}
