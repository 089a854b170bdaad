namespace PromptGen.Language.Text;

/// <summary>
/// Reads a whole file that a person wrote (a prompt, a partial, an eval file, a file named on the command line), up to
/// a size no such file reaches. <c>File.ReadAllBytes</c> trusts the length the file system reports; a device or a
/// pipe reports none and is read until memory runs out (<c>/dev/zero</c> ended the process).
/// </summary>
public static class BoundedFile
{
    /// <summary>The most such a file may hold: 64 MiB.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    /// <summary>The bytes of <paramref name="path"/>.</summary>
    /// <exception cref="FileTooLargeException">The file holds more than <see cref="MaxBytes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static byte[] ReadAllBytes(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        // A regular file's length is known: one exact buffer. Anything else grows as it is read, one chunk past the limit at most.
        if (stream.CanSeek && stream.Length > 0)
        {
            if (stream.Length > MaxBytes) throw new FileTooLargeException(path);
            var exact = new byte[stream.Length];
            var filled = 0;
            int count;
            while (filled < exact.Length && (count = stream.Read(exact, filled, exact.Length - filled)) > 0) filled += count;
            if (filled == exact.Length && stream.ReadByte() < 0) return exact;
            // The file changed while it was read: read it the other way from where it is.
            return ReadGrowing(stream, path, exact, filled);
        }

        return ReadGrowing(stream, path, Array.Empty<byte>(), 0);
    }

    /// <summary>
    /// The text of <paramref name="path"/>, decoded as <c>File.ReadAllText</c> decodes it (UTF-8 unless a byte order
    /// mark says otherwise; the mark is not part of the text).
    /// </summary>
    /// <exception cref="FileTooLargeException">The file holds more than <see cref="MaxBytes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string ReadAllText(string path)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes(path)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static byte[] ReadGrowing(Stream stream, string path, byte[] start, int startLength)
    {
        using var bytes = new MemoryStream();
        bytes.Write(start, 0, startLength);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (bytes.Length + read > MaxBytes) throw new FileTooLargeException(path);
            bytes.Write(buffer, 0, read);
        }

        return bytes.ToArray();
    }
}

/// <summary>A file holds more than <see cref="BoundedFile.MaxBytes"/>.</summary>
public sealed class FileTooLargeException(string path)
    : IOException($"it is larger than {BoundedFile.MaxBytes / (1024 * 1024)} MiB")
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;
}
