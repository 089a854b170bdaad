namespace PromptGen.LanguageServer.Workspace;

/// <summary>file:// URIs to full paths and back.</summary>
internal static class DocumentUris
{
    public static string ToPath(string uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile) return Path.GetFullPath(parsed.LocalPath);
        throw new Protocol.LspException(Protocol.LspException.InvalidParams, $"Only file: URIs are supported, not '{uri}'.");
    }

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
