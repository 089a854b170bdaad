using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Files;
using PromptGen.Evals.Recording;

namespace PromptGen.Fuzz;

/// <summary>
/// The <c>baseline</c> and <c>recording</c> targets: the files an eval run keeps for the user (a committed baseline,
/// recorded model answers), which people edit by hand and merge. Reading one either succeeds or throws an
/// <see cref="EvalFileFormatException"/> located inside the text, never anything else. A baseline that was read is
/// written back and read again unchanged, since the runner rewrites it with <c>--update-baseline</c>.
/// </summary>
internal static class EvalDataFiles
{
    private const string BaselinePath = "Classify.eval.baseline.json";

    public static void Baseline(string text)
    {
        Baseline baseline;
        try
        {
            baseline = BaselineSerializer.Parse(text, BaselinePath);
        }
        catch (EvalFileFormatException exception)
        {
            RequireLocation(exception, BaselinePath, text);
            return;
        }

        var written = BaselineSerializer.Serialize(baseline);
        Baseline again;
        try
        {
            again = BaselineSerializer.Parse(written, BaselinePath);
        }
        catch (EvalFileFormatException exception)
        {
            throw new FuzzFinding("a baseline that was read could not be read again once written: " + exception.Message, exception);
        }

        var rewritten = BaselineSerializer.Serialize(again);
        if (!string.Equals(written, rewritten, StringComparison.Ordinal))
        {
            throw new FuzzFinding($"a baseline changed when written, read and written again:\n  first:  {written}\n  second: {rewritten}");
        }
    }

    public static IEnumerable<(string, string)> BaselineSeeds(string root) =>
        SeedFiles.Find(root, ".baseline.json").Select(file => (SeedFiles.NameOf(root, file), File.ReadAllText(file)));

    // One file per fuzzing process, rewritten for every input: the store reads recordings from disk, as the runner does.
    private static readonly Lazy<string> RecordingPath = new(() =>
        Path.Combine(Path.GetTempPath(), $"promptgen-fuzz-{Environment.ProcessId}.eval.recordings.json"));

    public static void Recording(string text)
    {
        var path = RecordingPath.Value;
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        try
        {
            var store = RecordingStore.Open(path, EvalMode.Replay);
            foreach (var entry in store.Entries)
            {
                if (entry is null)
                {
                    throw new FuzzFinding("a recordings file was read with a null entry");
                }
            }
        }
        catch (EvalFileFormatException exception)
        {
            // The bytes on disk are the UTF-8 of the text (a lone surrogate became U+FFFD): locate in what was read.
            RequireLocation(exception, path, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)));
        }
    }

    public static IEnumerable<(string, string)> RecordingSeeds(string root) =>
        SeedFiles.Find(root, ".recordings.json")
            .Where(file => new FileInfo(file).Length <= SeedFiles.MaxSeedLength)
            .Select(file => (SeedFiles.NameOf(root, file), File.ReadAllText(file)));

    /// <summary>The error names the file, a line of the text and a column on that line (or just past its end), and a problem.</summary>
    private static void RequireLocation(EvalFileFormatException exception, string path, string text)
    {
        if (!string.Equals(exception.FilePath, path, StringComparison.Ordinal) || string.IsNullOrWhiteSpace(exception.Problem))
        {
            throw new FuzzFinding($"a format error without its file or problem: {exception.Message}", exception);
        }

        var lines = text.Split('\n');
        if (exception.Line < 1 || exception.Line > lines.Length)
        {
            throw new FuzzFinding($"line {exception.Line} of a text of {lines.Length} lines: {exception.Message}", exception);
        }

        var lineLength = lines[exception.Line - 1].Length;
        if (exception.Column < 1 || exception.Column > lineLength + 1)
        {
            throw new FuzzFinding($"column {exception.Column} of line {exception.Line}, which has {lineLength} characters: {exception.Message}", exception);
        }
    }
}
