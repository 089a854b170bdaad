using System.Security;

namespace PromptGen.Cli.Arguments;

/// <summary>
/// Checks, before a command does any work, that the files and folders it will write can be written: a run that pays for
/// model calls must not learn at its end that its reports or findings have nowhere to go.
/// </summary>
internal static class OutputLocation
{
    /// <summary>
    /// Checks that the folder <paramref name="path"/> named by <paramref name="option"/> exists or can be created, without
    /// creating it (a run that ends early leaves no empty folder): a probe folder is made and removed in the nearest
    /// folder that exists; a usage error when that cannot be done.
    /// </summary>
    public static void CheckFolder(OptionSpec option, string path)
    {
        if (File.Exists(path)) throw new UsageException($"{option}: '{path}' is a file, not a folder");
        var existing = Path.GetFullPath(path);
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new UsageException($"{option}: cannot create the folder '{path}': '{existing}' is a file");
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) break;
            existing = parent;
        }

        Guard(option, path, "create the folder", "its parent folder takes no new folders", () =>
        {
            var probe = Path.Combine(existing, $".promptgen-probe-{Guid.NewGuid():N}");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
        });
    }

    /// <summary>
    /// Checks that the file <paramref name="path"/> named by <paramref name="option"/> can be written, without creating
    /// anything: its folder as <see cref="CheckFolder"/> does when it does not exist yet (the file's writer creates it),
    /// else a probe file is made and removed in it; a usage error when that cannot be done.
    /// </summary>
    public static void CheckWritableFile(OptionSpec option, string path)
    {
        if (Directory.Exists(path)) throw new UsageException($"{option}: '{path}' is a folder, not a file");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            CheckFolder(option, folder);
            return;
        }

        Guard(option, path, "write", "its folder takes no new files", () =>
        {
            // The file is written later by a rename from a temporary file in the same folder: writing a new file in
            // that folder is what must be possible. An existing file is left as it is.
            var probe = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.probe");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        });
    }

    private static void Guard(OptionSpec option, string path, string what, string whenNotFound, Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or SecurityException or ArgumentException or NotSupportedException)
        {
            // "Not found" while creating means the system refused the place itself (a read-only or virtual file system).
            var reason = exception is FileNotFoundException or DirectoryNotFoundException ? whenNotFound : InputFile.Reason(exception);
            throw new UsageException($"{option}: cannot {what} '{path}': {reason}");
        }
    }
}
