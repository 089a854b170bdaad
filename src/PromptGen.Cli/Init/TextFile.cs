using PromptGen.Evals.Files;

namespace PromptGen.Cli.Init;

/// <summary>A text file read with its encoding details, so an edit writes back the same byte order mark and line ends.</summary>
internal sealed class TextFile(string path, string text, bool hasBom)
{
    private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

    public string Path { get; } = path;

    public string Text { get; } = text;

    public bool HasBom { get; } = hasBom;

    /// <summary><c>\r\n</c> when the file uses it, else <c>\n</c>.</summary>
    public string NewLine => Text.Contains("\r\n") ? "\r\n" : "\n";

    public static TextFile FromText(string path, string text, bool hasBom) => new(path, text, hasBom);

    public static TextFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var hasBom = bytes.AsSpan().StartsWith(Utf8Bom);
        var text = new UTF8Encoding(false).GetString(bytes, hasBom ? 3 : 0, bytes.Length - (hasBom ? 3 : 0));
        return new TextFile(path, text, hasBom);
    }

    /// <summary>Replaces the file's content atomically (a temporary file in the same folder, then a move).</summary>
    public void Replace(string text) => AtomicFile.Write(Path, Encode(text, HasBom), overwrite: true);

    public static byte[] Encode(string text, bool bom)
    {
        var body = new UTF8Encoding(false).GetBytes(text);
        if (!bom) return body;
        var bytes = new byte[Utf8Bom.Length + body.Length];
        Utf8Bom.CopyTo(bytes, 0);
        body.CopyTo(bytes, Utf8Bom.Length);
        return bytes;
    }
}
