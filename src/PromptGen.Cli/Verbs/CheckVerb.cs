using PromptGen.Cli.Arguments;
using PromptGen.Cli.Files;
using PromptGen.Cli.Output;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Semantics;

namespace PromptGen.Cli.Verbs;

/// <summary><c>promptgen check</c>: every diagnostic of the given prompts; exit code 1 when any is an error.</summary>
internal sealed class CheckVerb : Verb
{
    private static readonly OptionSpec FormatOption = new("--format", "text|json", "Output format (default text). json prints an array of {id, severity, path, line, column, endLine, endColumn, message}.");

    public override VerbSpec Spec { get; } = new(
        "check",
        PositionalSpec.AtLeastOne("<files or dirs>..."),
        "Report every problem in .prompt and eval files (exit code 1 when any is an error).",
        "Checks .prompt files: frontmatter, schemas, template syntax, helpers and partials; and eval files\n" +
        "(*.eval.yaml): their format, and their cases against the prompt they test (PG0501-PG0505).\n" +
        "Directories are searched recursively for *.prompt and *.eval.yaml (bin, obj, node_modules and dot-folders are skipped).\n" +
        "Files named _name.prompt are partials: they are checked as templates. {{> name}} resolves to _name.prompt\n" +
        "anywhere in the file's project (the nearest folder with a .csproj, else the folder given), as in the build.\n" +
        "Each diagnostic is printed as  path(line,col): error PG0203: message  ; valid input prints nothing.",
        new[] { FormatOption });

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var format = ParseFormat(arguments.GetValue(FormatOption));
        var files = PromptFileFinder.Find(arguments.Positionals);
        var projects = new Dictionary<string, PromptProject>(StringComparer.Ordinal);
        var diagnostics = new List<PromptDiagnostic>();
        foreach (var file in files)
        {
            // Each file is checked within its project, as the build sees it (the same compile driver, the same partials).
            var root = PromptProject.FindRoot(file.FullPath);
            if (!projects.TryGetValue(root, out var project)) projects[root] = project = PromptProject.For(file.FullPath);
            diagnostics.AddRange(InputFile.Guard(file.DisplayPath, () => project.Check(file.DisplayPath)));
        }

        DiagnosticWriter.Write(stdout, diagnostics, format);
        if (files.Count == 0) stderr.Write("promptgen check: no .prompt or .eval.yaml files found\n");
        return CommandLine.ExitCode(passed: !diagnostics.Any(d => d.Severity == PromptDiagnosticSeverity.Error));
    }

    private static DiagnosticFormat ParseFormat(string? value) => value switch
    {
        null or "text" => DiagnosticFormat.Text,
        "json" => DiagnosticFormat.Json,
        _ => throw new UsageException($"{FormatOption} must be 'text' or 'json', not '{value}'"),
    };
}
