using System;
using System.IO;

namespace PromptGen.Cli.Files;

/// <summary>A <c>.prompt</c> file found for <c>check</c>, with the folder where its partial lookup stops.</summary>
internal sealed class PromptFile
{
    public PromptFile(string displayPath, string fullPath, string searchRoot)
    {
        DisplayPath = displayPath;
        FullPath = fullPath;
        SearchRoot = searchRoot;
    }

    /// <summary>The path as the user gave it (or joined onto the directory they gave): used in diagnostics.</summary>
    public string DisplayPath { get; }

    public string FullPath { get; }

    /// <summary>The full path of the outermost folder searched for partials.</summary>
    public string SearchRoot { get; }

    /// <summary>An eval file (<c>*.eval.yaml</c>) rather than a prompt.</summary>
    public bool IsEval => PromptGen.Language.Evals.EvalPromptLink.IsEvalFile(FullPath);

    /// <summary>Files named <c>_name.prompt</c> are partials, referenced as <c>{{> name}}</c>.</summary>
    public bool IsPartial => IsPartialFileName(Path.GetFileName(FullPath));

    public static bool IsPartialFileName(string fileName) =>
        fileName.StartsWith("_", StringComparison.Ordinal) && fileName.EndsWith(".prompt", StringComparison.OrdinalIgnoreCase);
}
