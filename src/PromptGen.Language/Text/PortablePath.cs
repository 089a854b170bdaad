namespace PromptGen.Language.Text;

/// <summary>
/// File names and folders of paths as prompts, eval files and the build write them, where <c>/</c> and <c>\</c> both
/// separate folders whatever the operating system (so <see cref="System.IO.Path"/> does not do).
/// </summary>
internal static class PortablePath
{
    /// <summary>The part after the last separator: <c>Prompts\Triage.prompt</c> → <c>Triage.prompt</c>.</summary>
    public static string FileName(string path) => path.Substring(LastSeparator(path) + 1);

    /// <summary>The part up to and including the last separator: <c>Prompts\</c>; empty when there is none.</summary>
    public static string Folder(string path) => path.Substring(0, LastSeparator(path) + 1);

    private static int LastSeparator(string path) => Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
}
