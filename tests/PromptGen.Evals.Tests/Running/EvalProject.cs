using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

namespace PromptGen.Evals.Tests.Running;

/// <summary>A scratch project with Prompts/Classify.prompt (the <see cref="ClassifyDescriptor"/>) and its eval file.</summary>
internal sealed class EvalProject : IDisposable
{
    private readonly TempFolder _folder = new();

    public EvalProject(string eval)
    {
        Directory.CreateDirectory(_folder.File("Prompts"));
        File.WriteAllText(PromptsFile("Classify.prompt"), ClassifyDescriptor.Prompt);
        File.WriteAllText(EvalPath, eval);
    }

    public ClassifyDescriptor Prompt { get; } = new();

    public string Folder => _folder.Path;

    public string EvalPath => PromptsFile("Classify.eval.yaml");

    public string RecordingsPath => PromptsFile("Classify.eval.recordings.json");

    public string PromptsFile(string name) => Path.Combine(_folder.Path, "Prompts", name);

    /// <summary>Hand-written recordings: one answer per case, any trial.</summary>
    public void Answers(params (string CaseId, string Text)[] answers) => File.WriteAllText(RecordingsPath,
        "{ \"entries\": [" + string.Join(",", answers.Select(a =>
            $"{{ \"case\": {JsonSerializer.Serialize(a.CaseId)}, \"response\": {{ \"text\": {JsonSerializer.Serialize(a.Text)} }} }}")) + "] }");

    /// <summary>The recorded (keyed) entries of the recordings file, by case id.</summary>
    public string[] RecordedCases() => RecordingStore.Open(RecordingsPath, EvalMode.Replay).Entries
        .Where(e => e.Key is not null).Select(e => e.CaseId).OrderBy(id => id, StringComparer.Ordinal).ToArray();

    public Task<EvalRunResult> RunAsync(EvalMode mode, Func<EvalRunRequest, EvalRunRequest>? configure = null, CancellationToken cancellationToken = default)
    {
        var request = new EvalRunRequest
        {
            ProjectDirectory = _folder.Path,
            EvalFiles = new[] { EvalPath },
            Prompts = new[] { Prompt },
            Mode = mode,
        };
        return EvalRunner.RunAsync(configure is null ? request : configure(request), cancellationToken);
    }

    public void Dispose() => _folder.Dispose();
}
