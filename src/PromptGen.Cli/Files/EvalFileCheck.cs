using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptGen.Cli.Arguments;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Evals;

namespace PromptGen.Cli.Files;

/// <summary>Checks one eval file for <c>check</c>: parses it, finds its prompt next to it, and runs the PG05xx checks.</summary>
internal static class EvalFileCheck
{
    public static IReadOnlyList<PromptDiagnostic> Check(PromptFile file, string text)
    {
        var evalFile = EvalFileParser.Parse(file.DisplayPath, text);
        var folder = Path.GetDirectoryName(file.FullPath)!;
        var promptFullPath = Path.GetFullPath(Path.Combine(folder, Path.GetFileName(EvalPromptLink.GetPromptPath(Path.GetFileName(file.FullPath), null))));
        if (evalFile.PromptReference is { } reference)
        {
            var relative = EvalPromptLink.GetPromptPath("x.eval.yaml", reference);
            promptFullPath = Path.GetFullPath(Path.Combine(folder, relative));
        }

        PromptContext? context = null;
        if (File.Exists(promptFullPath))
        {
            var promptDisplay = Path.Combine(Path.GetDirectoryName(file.DisplayPath) ?? string.Empty, Path.GetFileName(promptFullPath));
            var promptText = InputFile.ReadPromptFile(promptFullPath, out _);
            context = PromptContext.FromDocument(PromptDocumentParser.Parse(promptDisplay, promptText));
        }

        return EvalChecker.Check(evalFile, context, context is null ? Siblings(folder) : null);
    }

    private static IEnumerable<string> Siblings(string folder)
    {
        try
        {
            return Directory.GetFiles(folder, "*.prompt").Select(Path.GetFileName).OfType<string>().ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Array.Empty<string>();
        }
    }
}
