namespace PromptGen.Evals.Files;

/// <summary>
/// The one way PromptGen's tools write a file: a whole file or nothing. The bytes go to a temporary file in the same
/// folder, are flushed to disk, and the temporary file is then moved over the target, so a reader (or a crash) sees
/// the old file or the new one, never a half-written one.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, creating its folder if needed.</summary>
    /// <returns>False when <paramref name="overwrite"/> is false and the file already exists (it is left as it is).</returns>
    public static bool Write(string path, byte[] bytes, bool overwrite = true) => Write(path, bytes, overwrite, beforeReplace: null);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, Utf8NoBom.GetBytes(text), overwrite: true, beforeReplace: null);
    }

    /// <summary>Writes <paramref name="bytes"/> unless the file already holds exactly these bytes; returns whether it wrote.</summary>
    public static bool WriteIfChanged(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(bytes);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return false;
        return Write(path, bytes, overwrite: true, beforeReplace: null);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark unless the file already holds exactly those bytes; returns whether it wrote.</summary>
    public static bool WriteTextIfChanged(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return WriteIfChanged(path, Utf8NoBom.GetBytes(text));
    }

    /// <summary>Test seam: <paramref name="beforeReplace"/> runs with the complete temporary file, before the move.</summary>
    internal static bool Write(string path, byte[] bytes, bool overwrite, Action<string>? beforeReplace)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(bytes);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        // Same folder, so the move is a rename on one volume; a leading dot keeps it out of most globs.
        var temporary = Path.Combine(folder, "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                // The data must be on disk before the rename makes it the file, or a crash can leave an empty file.
                stream.Flush(flushToDisk: true);
            }

            beforeReplace?.Invoke(temporary);
            try
            {
                File.Move(temporary, fullPath, overwrite);
            }
            catch (IOException) when (!overwrite && File.Exists(fullPath))
            {
                return false;
            }

            return true;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Never hide the write's own error behind a failed clean-up.
        }
    }
}
