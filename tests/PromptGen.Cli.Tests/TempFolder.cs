using System;
using System.IO;
using System.Text;

namespace PromptGen.Cli.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "promptgen-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string PathOf(string relative) => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Writes UTF-8 text exactly as given (no byte order mark unless asked, line ends untouched).</summary>
    public string Write(string relative, string text, bool bom = false)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        File.WriteAllBytes(path, bom ? Concat(new byte[] { 0xEF, 0xBB, 0xBF }, bytes) : bytes);
        return path;
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public byte[] ReadBytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static byte[] Concat(byte[] first, byte[] second)
    {
        var result = new byte[first.Length + second.Length];
        first.CopyTo(result, 0);
        second.CopyTo(result, first.Length);
        return result;
    }
}
