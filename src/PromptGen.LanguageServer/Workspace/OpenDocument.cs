using PromptGen.Language.Text;

namespace PromptGen.LanguageServer.Workspace;

/// <summary>A document the client has open: its text as the editor holds it (which wins over the file on disk).</summary>
internal sealed class OpenDocument(string uri, string path, string text, int version)
{
    private LineMap? _lines;

    /// <summary>The URI exactly as the client sent it (diagnostics are published to the same string).</summary>
    public string Uri { get; } = uri;

    public string Path { get; } = path;

    public string Text { get; private set; } = text;

    public int Version { get; private set; } = version;

    public LineMap Lines => _lines ??= new LineMap(Text);

    public void Update(string text, int version)
    {
        Text = text;
        Version = version;
        _lines = null;
    }
}
