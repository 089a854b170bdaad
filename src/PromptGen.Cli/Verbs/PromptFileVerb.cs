using PromptGen.Cli.Arguments;
using PromptGen.Cli.Output;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Semantics;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// A verb over one <c>.prompt</c> file (<c>render</c>, <c>parse</c>, <c>run</c>): it takes the file as its one positional
/// argument, compiles it as the build does, and stops with exit code 1 when the prompt has errors.
/// </summary>
internal abstract class PromptFileVerb : Verb
{
    /// <summary>The spec of a verb whose one positional argument is the prompt file.</summary>
    protected static VerbSpec PromptFileSpec(string name, string summary, string details, params OptionSpec[] options) =>
        new(name, PositionalSpec.One("<file.prompt>"), summary, details, options);

    /// <summary>Reads the prompt at <paramref name="path"/>: a missing or unreadable file is a usage error, before anything else is done.</summary>
    protected static void EnsureReadable(string path) => InputFile.ReadPromptFile(path, out _);

    /// <summary>Compiles the prompt within its project, as the build does (the same partials).</summary>
    protected static PromptSemantics Compile(string path) => InputFile.Guard(path, () => PromptProject.For(path).CompilePrompt(path));

    /// <summary>Compiles the prompt within <paramref name="project"/>, as the build does (the same partials).</summary>
    protected static PromptSemantics Compile(string path, PromptProject project) => InputFile.Guard(path, () => project.CompilePrompt(path));

    /// <summary>Writes <paramref name="diagnostics"/> to <paramref name="stderr"/>; true when any is an error.</summary>
    protected static bool ReportErrors(TextWriter stderr, IReadOnlyCollection<PromptDiagnostic> diagnostics)
    {
        DiagnosticWriter.Write(stderr, diagnostics, DiagnosticFormat.Text);
        return diagnostics.Any(d => d.Severity == PromptDiagnosticSeverity.Error);
    }
}
