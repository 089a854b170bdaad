using PromptGen.Evals.Files;

namespace PromptGen.Evals.Experiments;

/// <summary>Writes the experiment's JSON, Markdown and HTML reports into a directory.</summary>
public static class ExperimentReportWriter
{
    public static IReadOnlyList<string> WriteAll(IReadOnlyList<ExperimentSuite> suites, IReadOnlyList<string> historyFiles, string directory)
    {
        Directory.CreateDirectory(directory);
        var history = historyFiles.Select(f => ExperimentJsonWriter.ReadPassRates(File.ReadAllText(f))).Where(r => r.Count > 0).ToList();
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
