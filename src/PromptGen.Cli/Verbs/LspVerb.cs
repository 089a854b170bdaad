using PromptGen.Cli.Arguments;
using PromptGen.LanguageServer;

namespace PromptGen.Cli.Verbs;

/// <summary><c>promptgen lsp</c>: the language server over standard input and output, for editors.</summary>
internal sealed class LspVerb : Verb
{
    private static readonly OptionSpec StdioOption = new("--stdio", null, "Accepted for editors that pass it; stdio is the only transport.");

    public override VerbSpec Spec { get; } = new(
        "lsp",
        PositionalSpec.None,
        "Run the language server for editors (LSP over standard input and output).",
        "Speaks the Language Server Protocol on stdin/stdout until the editor sends exit. Diagnostics are the build's\n" +
        "(the source generator runs over the open project), with completion, hover, go to definition, rename,\n" +
        "semantic tokens, quick fixes, and code lenses on eval files (render a case; run it with recordings replayed).\n" +
        "Editors start it themselves; see docs/editor.md.",
        new[] { StdioOption });

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        // The protocol owns stdout: nothing else may write there while the server runs.
        using var input = Console.OpenStandardInput();
        using var output = Console.OpenStandardOutput();
        var server = new PromptLanguageServer(input, output, new LanguageServerOptions { CaseRunner = new CliCaseRunner() });
        return server.RunAsync(cancellationToken).GetAwaiter().GetResult();
    }

    /// <summary>Runs eval cases through this tool's own <c>eval</c> verb, so "Run this case" does what the command line does.</summary>
    private sealed class CliCaseRunner : IEvalCaseRunner
    {
        public Task<EvalCaseRunResult> RunAsync(string evalFilePath, string? caseId, string mode, CancellationToken cancellationToken) => Task.Run(() =>
        {
            var args = new List<string> { "eval", evalFilePath, "--mode", mode, "--no-progress" };
            if (caseId is not null) args.AddRange(new[] { "--filter", caseId });
            using var output = new StringWriter();
            var exitCode = CommandLine.Run(args.ToArray(), output, output, cancellationToken);
            return new EvalCaseRunResult(exitCode == CommandLine.Success, output.ToString());
        }, cancellationToken);
    }
}
