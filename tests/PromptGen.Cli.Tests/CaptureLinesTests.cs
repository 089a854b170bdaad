using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PromptGen.Cli.Cases;

namespace PromptGen.Cli.Tests;

/// <summary>Capture files are read line by line with a bound on a line, split exactly as <see cref="File.ReadLines(string)"/> splits them.</summary>
public sealed class CaptureLinesTests
{
    [Fact]
    public void Lines_are_split_as_File_ReadLines_splits_them()
    {
        using var folder = new TempFolder();
        var random = new Random(20261207);
        var pieces = new[] { "a", "{\"type\":\"call\"}", "é", "\n", "\r", "\r\n", "\n\n", "" };
        for (var run = 0; run < 300; run++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            // Long runs without a break cross the reader's 8,192-character buffer.
            if (run % 10 == 0) text = new string('x', 8191) + "\r" + "\n" + new string('y', 9000) + text;
            var file = folder.Write($"c{run}.jsonl", text);
            var warnings = new List<string>();

            var lines = CaptureLines.Read(file, warnings).ToList();

            Assert.Equal(File.ReadLines(file).ToList(), lines.Select(l => l.Text).ToList());
            Assert.Equal(Enumerable.Range(1, lines.Count), lines.Select(l => l.Number));
            Assert.Empty(warnings);
        }
    }

    [Fact]
    public void A_line_past_the_bound_ends_the_file_with_a_located_warning()
    {
        using var folder = new TempFolder();
        var file = folder.Write("c.jsonl", "short\n" + new string('x', 20_000) + "\nnever read\n");
        var warnings = new List<string>();

        var lines = CaptureLines.Read(file, warnings, maxLineChars: 10_000).ToList();

        Assert.Equal(new[] { (1, "short") }, lines);
        var warning = Assert.Single(warnings);
        Assert.StartsWith($"{file}(2,1): warning: the line is longer than", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Importing_from_a_device_that_never_ends_stops_with_a_warning()
    {
        if (!File.Exists("/dev/zero")) return; // a Unix device; there is nothing like it to name on Windows
        using var folder = new TempFolder();
        folder.Write("Prompts/Classify.prompt", "---\ninput:\n  schema:\n    ticket: string\n---\n{{ticket}}\n");

        var run = CliRun.Of("cases", "import", "/dev/zero", "--prompt", "Classify", "--project", folder.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("/dev/zero(1,1): warning: the line is longer than 64 Mi characters", run.ToString(), StringComparison.Ordinal);
        Assert.Contains("Imported 0 case(s)", run.Stdout, StringComparison.Ordinal);
    }
}
