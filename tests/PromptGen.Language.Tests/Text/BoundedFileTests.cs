using System;
using System.IO;
using PromptGen.Language.Text;

namespace PromptGen.Language.Tests.Text;

/// <summary>Files a person wrote are read whole, up to a bound that no such file reaches and a device cannot pass.</summary>
public sealed class BoundedFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "promptgen-bounded-" + Guid.NewGuid().ToString("N"));

    public BoundedFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(81_920)]
    [InlineData(200_001)]
    public void A_file_within_the_bound_is_read_byte_for_byte(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        var path = Path.Combine(_folder, "f.prompt");
        File.WriteAllBytes(path, bytes);

        Assert.Equal(bytes, BoundedFile.ReadAllBytes(path));
    }

    [Fact]
    public void A_file_at_the_bound_is_read_and_one_byte_more_is_refused()
    {
        var at = Path.Combine(_folder, "at.prompt");
        var over = Path.Combine(_folder, "over.prompt");
        using (var stream = File.Create(at)) stream.SetLength(BoundedFile.MaxBytes); // sparse files: nothing written to disk
        using (var stream = File.Create(over)) stream.SetLength(BoundedFile.MaxBytes + 1L);

        Assert.Equal(BoundedFile.MaxBytes, BoundedFile.ReadAllBytes(at).Length);
        var error = Assert.Throws<FileTooLargeException>(() => BoundedFile.ReadAllBytes(over));
        Assert.Equal(over, error.Path);
        Assert.Equal("it is larger than 64 MiB", error.Message);
    }

    [Fact]
    public void A_device_that_reports_no_length_is_read_only_up_to_the_bound()
    {
        if (!File.Exists("/dev/zero")) return; // Unix only; File.ReadAllBytes read it until the process ran out of memory

        Assert.Throws<FileTooLargeException>(() => BoundedFile.ReadAllBytes("/dev/zero"));
        Assert.Empty(BoundedFile.ReadAllBytes("/dev/null"));
    }
}
