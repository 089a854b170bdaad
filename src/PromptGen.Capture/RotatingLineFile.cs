using System.Globalization;

namespace PromptGen.Capture;

/// <summary>
/// The capture file, appended one whole line at a time. Before a line that would take the file past the size limit,
/// the file is renamed with a UTC timestamp and a new one is started: a line is never split across files.
/// </summary>
internal sealed class RotatingLineFile : IDisposable
{
    private readonly string _path;
    private readonly long _maxBytes;
    private FileStream? _stream;

    public RotatingLineFile(string path, long maxBytes)
    {
        _path = System.IO.Path.GetFullPath(path);
        _maxBytes = maxBytes;
    }

    public void Append(ReadOnlySpan<byte> line)
    {
        var stream = _stream ??= Open();
        if (stream.Length > 0 && stream.Length + line.Length > _maxBytes)
        {
            Rotate();
            stream = _stream = Open();
        }

        stream.Write(line);
    }

    public void Flush() => _stream?.Flush(flushToDisk: false);

    /// <summary>Closes the file after an I/O error, so the next line reopens it.</summary>
    public void Reset()
    {
        try
        {
            _stream?.Dispose();
        }
        catch (IOException)
        {
            // The stream is unusable either way.
        }

        _stream = null;
    }

    public void Dispose() => Reset();

    private FileStream Open()
    {
        var folder = System.IO.Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        // A line left without its end by a crash is ended, so the next line is whole.
        var stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
        if (stream.Length > 0)
        {
            stream.Seek(-1, SeekOrigin.End);
            var last = stream.ReadByte();
            if (last != '\n') stream.WriteByte((byte)'\n');
        }

        return stream;
    }

    private void Rotate()
    {
        _stream!.Dispose();
        _stream = null;
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var folder = System.IO.Path.GetDirectoryName(_path) ?? ".";
        var name = System.IO.Path.GetFileNameWithoutExtension(_path);
        var extension = System.IO.Path.GetExtension(_path);
        var target = System.IO.Path.Combine(folder, $"{name}.{stamp}{extension}");
        for (var n = 1; File.Exists(target); n++) target = System.IO.Path.Combine(folder, $"{name}.{stamp}-{n}{extension}");
        File.Move(_path, target);
    }
}
