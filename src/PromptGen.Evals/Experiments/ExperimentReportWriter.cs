using PromptGen.Evals.Files;

namespace PromptGen.Evals.Experiments;

/// <summary>Writes the experiment's JSON, Markdown and HTML reports into a directory.</summary>
public static class ExperimentReportWriter
{
    public static IReadOnlyList<string> WriteAll(IReadOnlyList<ExperimentSuite> suites, IReadOnlyList<string> historyFiles, string directory)
    {
        Directory.CreateDirectory(directory);
        var history = new List<IReadOnlyDictionary<string, double>>();
        foreach (var file in historyFiles)
        {
            // Earlier runs only feed the chart: one that cannot be read leaves its point out, never this run's reports
            // (the promptgen tool refuses such a file before the run starts).
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (ExperimentJsonWriter.TryReadPassRates(text, out var rates, out _) && rates.Count > 0) history.Add(rates);
        }

        var files = new List<(string Name, string Text)>
        {
            (ExperimentJsonWriter.FileName, ExperimentJsonWriter.Write(suites)),
            (ExperimentMarkdownWriter.FileName, ExperimentMarkdownWriter.Write(suites)),
            (ExperimentHtmlWriter.FileName, ExperimentHtmlWriter.Write(suites, history)),
        };
        var written = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            AtomicFile.WriteTextIfChanged(path, text);
            written.Add(path);
        }

        return written;
    }
}
