using PromptGen.Language.Semantics;

namespace PromptGen.Cli.Files;

/// <summary>A <c>.prompt</c> file found for <c>check</c>, with the folder where its partial lookup stops.</summary>
/// <param name="DisplayPath">The path as the user gave it (or joined onto the directory they gave): used in diagnostics.</param>
/// <param name="FullPath">The absolute path, used to read the file.</param>
/// <param name="SearchRoot">The full path of the outermost folder searched for partials.</param>
internal sealed record PromptFile(string DisplayPath, string FullPath, string SearchRoot)
{
    /// <summary>An eval file (<c>*.eval.yaml</c>) rather than a prompt.</summary>
    public bool IsEval => PromptGen.Language.Evals.EvalPromptLink.IsEvalFile(FullPath);

    /// <summary>Files named <c>_name.prompt</c> are partials, referenced as <c>{{> name}}</c>.</summary>
    public bool IsPartial => PartialFile.IsPartialPath(FullPath);
}
