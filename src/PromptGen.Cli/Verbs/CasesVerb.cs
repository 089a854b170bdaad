using System.Globalization;
using PromptGen.Cli.Arguments;
using PromptGen.Cli.Cases;
using PromptGen.Cli.Files;
using PromptGen.Evals.Files;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Security;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// <c>promptgen cases import</c>: captured calls of a prompt become eval cases appended to its eval file, each with the
/// captured answer as its recording. Inputs that no longer fit the prompt's input schema are reported as PG0502 at their
/// capture line and not imported; inputs already covered by a case are skipped.
/// </summary>
internal sealed class CasesVerb : Verb
{
    private static readonly OptionSpec PromptOption = new("--prompt", "name", "The prompt whose calls to import (its frontmatter name, else its file name). Required.");
    private static readonly OptionSpec WhereOption = new("--where", "conditions", "Comma-separated conditions, all required: ok=false, feedback=negative, score<0.5, version=..., model=..., input.<path>=..., value.<path>=... (operators = != < > <= >=).");
    private static readonly OptionSpec TakeOption = new("--take", "N", "Import at most N cases (after ordering and skipping).");
    private static readonly OptionSpec ProjectOption = new("--project", "dir", "The project folder whose prompts are searched (default: the current folder).");

    public override VerbSpec Spec { get; } = new(
        "cases",
        PositionalSpec.Subcommand("import", PositionalSpec.One("<captures.jsonl or dir>")),
        "Turn captured production calls into eval cases (exit code 1 when an input no longer fits the prompt).",
        "Reads capture files written by PromptGen.Capture (a file, or every *.jsonl in a folder), keeps the calls of the\n" +
        "prompt named by --prompt, and appends one case per call to the prompt's eval file (X.prompt -> X.eval.yaml, created\n" +
        "when missing), keeping its comments and order. Calls a user rated bad (feedback score under 0.5) come first. Each\n" +
        "case's recording is the captured answer (X.eval.recordings.json), so `promptgen eval --mode replay` runs it at once.\n" +
        "Assertions are proposed from the captured value and marked REVIEW. A call whose input is already a case (same input\n" +
        "JSON, any key order) is skipped, so importing the same file twice adds nothing. An input that does not fit the\n" +
        "current input schema is reported as PG0502 at its capture line and skipped.",
        new[]
        {
            PromptOption,
            WhereOption,
            TakeOption,
            ProjectOption,
        });

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var promptName = arguments.GetValue(PromptOption) ?? throw new UsageException($"{PromptOption} <name> is required");
        var filter = CaptureFilter.Parse(arguments.GetValue(WhereOption));
        var take = ParseTake(arguments.GetValue(TakeOption));
        var projectDir = Path.GetFullPath(arguments.GetValue(ProjectOption) ?? Directory.GetCurrentDirectory());

        var project = PromptProject.For(projectDir);
        var prompt = FindPrompt(project, projectDir, promptName);
        var evalPath = FindEvalFile(projectDir, prompt);
        var warnings = new List<string>();
        var calls = CaptureReader.Read(CaptureReader.Files(arguments.Positionals[1]), warnings)
            .Where(c => c.Prompt == prompt.Name && filter.Matches(c))
            .Select((call, order) => (call, order))
            .OrderBy(c => c.call.IsNegative ? 0 : 1)
            .ThenBy(c => c.call.IsNegative ? c.call.Score : 0)
            .ThenBy(c => c.order)
            .Select(c => c.call)
            .ToList();

        var evalText = File.Exists(evalPath) ? BoundedFile.ReadAllText(evalPath) : string.Empty;
        var plan = CaseImport.Plan(evalPath, evalText, calls, PromptProject.EvalContextOf(prompt), prompt.Output, take);
        if (plan.Refused is { } refused)
        {
            foreach (var error in refused) stdout.Write(error + "\n");
            stdout.Write($"Nothing was imported: fix {Path.GetRelativePath(Directory.GetCurrentDirectory(), evalPath)} first; it was left as it was.\n");
            return CommandLine.ErrorsFound;
        }

        foreach (var warning in warnings.Concat(plan.Warnings)) stderr.Write(warning + "\n");
        foreach (var error in plan.Drift) stdout.Write(error + "\n");
        if (plan.NewText is not null)
        {
            AtomicFile.WriteText(evalPath, plan.NewText);
            CapturedResponses.Add(evalPath, plan.Imported.Select(i => (i.Id, Recorded(i.Call))), EvalSecrets.Scrubber);
        }

        stdout.Write(string.Format(CultureInfo.InvariantCulture,
            "Imported {0} case(s) into {1} ({2} already covered, {3} no longer fit the input schema).\n",
            plan.Imported.Count, Path.GetRelativePath(Directory.GetCurrentDirectory(), evalPath), plan.Duplicates, plan.Drift.Count));
        return CommandLine.ExitCode(passed: plan.Drift.Count == 0);
    }

    private static int ParseTake(string? value)
    {
        if (value is null) return int.MaxValue;
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var take) && take > 0
            ? take
            : throw new UsageException($"{TakeOption} must be a positive whole number, not '{value}'");
    }

    private static PromptSemantics FindPrompt(PromptProject project, string projectDir, string name)
    {
        var prompts = PromptFileFinder.Find(new[] { projectDir }).Where(f => !f.IsEval && !f.IsPartial).ToList();
        var matches = prompts.Select(f => project.CompilePrompt(f.FullPath)).Where(p => p.Name == name).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new UsageException($"no prompt named '{name}' under {projectDir}" +
                (prompts.Count > 0 ? "; prompts: " + string.Join(", ", prompts.Select(p => project.CompilePrompt(p.FullPath).Name).Distinct().OrderBy(n => n, StringComparer.Ordinal)) : string.Empty)),
            _ => throw new UsageException($"several prompts are named '{name}': {string.Join(", ", matches.Select(m => m.Path))}"),
        };
    }

    /// <summary>The eval file that tests <paramref name="prompt"/>; the conventional <c>X.eval.yaml</c> next to it when there is none.</summary>
    private static string FindEvalFile(string projectDir, PromptSemantics prompt)
    {
        var promptPath = Path.GetFullPath(prompt.Path);
        foreach (var file in PromptFileFinder.Find(new[] { projectDir }).Where(f => f.IsEval))
        {
            var parsed = EvalFileParser.Parse(file.FullPath, BoundedFile.ReadAllText(file.FullPath));
            if (string.Equals(Path.GetFullPath(parsed.PromptPath), promptPath, StringComparison.Ordinal)) return file.FullPath;
        }

        return Path.ChangeExtension(promptPath, null) + ".eval.yaml";
    }

    private static RecordedResponse Recorded(CapturedCall call) => new()
    {
        Text = call.Output,
        ModelId = call.Model,
        InputTokens = call.InputTokens,
        OutputTokens = call.OutputTokens,
        TotalTokens = call.TotalTokens,
    };
}
