using System.Text.Json;
using PromptGen.Cli.Arguments;
using PromptGen.Evals.Files;
using PromptGen.Evals.Reports;
using PromptGen.Evals.Running;

namespace PromptGen.Cli.Output;

/// <summary>
/// The structured output of <c>promptgen eval --findings &lt;file&gt;</c>, for build tools (the MSBuild task
/// <c>PromptEval</c>) that must not scrape console text: one JSON object per line, each with a <c>kind</c>.
/// <list type="bullet">
/// <item><c>{"kind":"finding","id":"PG1002","severity":"error","file":"/abs/x.eval.yaml","line":8,"column":7,"message":"...","helpLink":"https://..."}</c>
/// (the message scrubbed of secrets, on one line, as the console form prints it);</item>
/// <item><c>{"kind":"report","format":"junit|json|markdown|html","file":"..."}</c>, <c>{"kind":"recordings","file":"..."}</c>,
/// <c>{"kind":"baseline","file":"..."}</c>: the files the run wrote;</item>
/// <item>last, <c>{"kind":"end","outcome":"passed|failed|cancelled"}</c>: the file is complete.</item>
/// </list>
/// The file is written once, when the run ends (also when it is cancelled), and replaced atomically (<see cref="AtomicFile"/>).
/// </summary>
internal sealed class EvalRecordsFile
{
    private readonly string _path;
    private readonly List<Action<Utf8JsonWriter>> _records = new();

    /// <summary>
    /// Removes a file an earlier run left at <paramref name="path"/> (a run that crashes leaves no file), after checking
    /// that the file can be written (a usage error naming <paramref name="option"/> when not).
    /// </summary>
    public EvalRecordsFile(OptionSpec option, string path)
    {
        OutputLocation.CheckWritableFile(option, path);
        _path = Path.GetFullPath(path);
        if (File.Exists(_path)) File.Delete(_path);
    }

    public void AddFinding(EvalFinding finding) => _records.Add(writer =>
    {
        writer.WriteString("kind", "finding");
        writer.WriteString("id", finding.Id);
        writer.WriteString("severity", finding.IsError ? "error" : "warning");
        writer.WriteString("file", Path.GetFullPath(finding.Path));
        writer.WriteNumber("line", Math.Max(1, finding.Line));
        writer.WriteNumber("column", Math.Max(1, finding.Column));
        writer.WriteString("message", finding.LogMessage);
        writer.WriteString("helpLink", finding.HelpLink);
    });

    public void AddReports(ReportFiles reports)
    {
        AddFile("report", reports.JUnit, "junit");
        AddFile("report", reports.Json, "json");
        AddFile("report", reports.Markdown, "markdown");
        AddFile("report", reports.Html, "html");
    }

    /// <summary>The baselines and recordings files a run wrote.</summary>
    public void AddRunFiles(IEnumerable<string> baselines, IEnumerable<string> recordings)
    {
        foreach (var path in baselines) AddFile("baseline", path);
        foreach (var path in recordings) AddFile("recordings", path);
    }

    public void AddFile(string kind, string path, string? format = null) => _records.Add(writer =>
    {
        writer.WriteString("kind", kind);
        if (format is not null) writer.WriteString("format", format);
        writer.WriteString("file", Path.GetFullPath(path));
    });

    /// <summary>Writes every record and the closing <c>end</c> record of a finished run: <c>passed</c> or <c>failed</c>.</summary>
    public void Write(bool passed) => Write(passed ? "passed" : "failed");

    /// <summary>Writes every record and the closing <c>end</c> record with <paramref name="outcome"/>.</summary>
    public void Write(string outcome)
    {
        // Compact, each object is one line of the file.
        var lines = new StringBuilder();
        foreach (var record in _records) lines.Append(JsonFileText.WriteObject(JsonFileText.CompactReadable, record));
        lines.Append(JsonFileText.WriteObject(JsonFileText.CompactReadable, writer =>
        {
            writer.WriteString("kind", "end");
            writer.WriteString("outcome", outcome);
        }));

        try
        {
            AtomicFile.WriteText(_path, lines.ToString());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Checked writable before the run; a disk that filled up since is reported, not an internal error.
            throw new CommandFailedException($"the findings file '{_path}' could not be written ({exception.Message}); the run's outcome was {outcome}", exception);
        }
    }
}
