using System.Linq;
using System.IO;
using System.Text;

namespace PromptGen.Cli.Tests;

public sealed class EncodingTests
{
    [Fact]
    public void A_file_that_is_not_utf8_is_reported_at_the_first_bad_byte_and_still_checked()
    {
        var folder = Directory.CreateTempSubdirectory("promptgen-encoding-");
        try
        {
            var path = Path.Combine(folder.FullName, "greeting.prompt");
            var bytes = Encoding.ASCII.GetBytes("---\nmodel: m\n---\nGreet the customer of our caf")
                .Concat(new byte[] { 0xE9 })
                .Concat(Encoding.ASCII.GetBytes(".\n{{#if}}\n"))
                .ToArray();
            File.WriteAllBytes(path, bytes);

            var run = CliRun.Of("check", path);

            Assert.Contains($"{path}(4,30): warning PG0005: The file is not valid UTF-8: byte 0xE9", run.Stdout);
            Assert.Contains("error PG0201", run.Stdout); // the rest of the file is still checked
            Assert.Equal(1, run.ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
