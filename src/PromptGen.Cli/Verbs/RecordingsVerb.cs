using System.Globalization;
using PromptGen.Cli.Arguments;
using PromptGen.Cli.Files;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Running;
using PromptGen.Evals.Sharing;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// <c>promptgen recordings export</c>: writes a shared recordings store's answers for a suite into its committed
/// recordings files, the ones CI replays. No model is called; a call the store cannot answer is PG1004.
/// </summary>
internal sealed class RecordingsVerb : Verb
{
    private static readonly OptionSpec FilterOption = new("--filter", "glob", "Export only the cases whose id matches (* and ?; several separated by ';').");

    public override VerbSpec Spec { get; } = new(
        "recordings",
        PositionalSpec.Subcommand("export", PositionalSpec.Any("[dir or *.eval.yaml ...]")),
        "Write a shared recordings store's answers into the recordings files CI replays (exit code 1 when a call has none).",
        "Runs the suite once with the store named by --recordings-store as its only model: every chat and judge call it\n" +
        "makes is looked up in the store and written to X.eval.recordings.json beside its eval file (locked, atomic writes;\n" +
        "entries already there are kept). No model is called; a call the store has no answer for is reported as PG1004,\n" +
        "so run every shard (auto or record mode, with --recordings-store) before exporting. Commit the files and replay them.",
        new[]
        {
            EvalScale.RecordingsStoreOption with { Description = "The shared recordings store. Required." },
            EvalVerb.AssemblyOption,
            EvalVerb.ProjectDirOption,
            FilterOption,
        });

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var url = arguments.GetValue(EvalScale.RecordingsStoreOption) ?? throw new UsageException($"{EvalScale.RecordingsStoreOption} redis://host:port is required");
        var (projectDir, evalFiles) = EvalVerb.ResolveInputs(arguments.Positionals.Skip(1).ToList(), arguments.GetValue(EvalVerb.ProjectDirOption));
        if (evalFiles.Count == 0)
        {
            stderr.Write("promptgen recordings export: no eval files (*.eval.yaml) found\n");
            return CommandLine.Success;
        }

        var assemblyPath = BuiltAssemblyFinder.Resolve(arguments, EvalVerb.AssemblyOption, projectDir);
        EvalRunResult result;
        try
        {
            var store = SharedRecordingsStore.ConnectAsync(url).GetAwaiter().GetResult();
            using var disposeStore = store as IDisposable;
            var request = new EvalRunRequest
            {
                ProjectDirectory = projectDir,
                EvalFiles = evalFiles,
                Prompts = PromptCatalogLoader.Load(assemblyPath, out _),
                Filter = arguments.GetValue(FilterOption),
                // Judge and app model names are part of the requests, so they must be the ones the shards used.
                ProviderOptions = EvalProviderOptions.Resolve(new Dictionary<string, string?>()),
            };
            result = SharedRecordingsExport.RunAsync(request, store).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is PromptCatalogException or EvalProviderException)
        {
            return EvalVerb.ProviderFailed(assemblyPath, exception.Message, stdout, records: null);
        }

        var missing = result.Findings.Where(f => f.IsError && f.Id == EvalProviderException.ProviderErrorDiagnosticId).ToList();
        foreach (var finding in missing) stdout.Write(finding.ToMSBuildString() + "\n");
        foreach (var path in result.RecordingsWritten) stdout.Write($"PromptGen recordings: written: {path}\n");
        stdout.Write(string.Format(CultureInfo.InvariantCulture, "PromptGen recordings: {0} eval file(s) exported, {1} call(s) without an answer in the store.\n",
            result.Suites.Count, missing.Count));
        return CommandLine.ExitCode(passed: missing.Count == 0);
    }
}
