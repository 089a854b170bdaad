using System;
using System.IO;

namespace PromptGen.Cli.Init;

/// <summary>Writes a whole file or nothing: a temporary file in the same folder, then a move over the target.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    /// <returns>False when <paramref name="overwrite"/> is false and the file already exists (it is left as it is).</returns>
    public static bool Write(string path, byte[] bytes, bool overwrite)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            try
            {
                File.Move(temporary, path, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(path))
            {
                return false;
            }

            return true;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
