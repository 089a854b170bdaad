namespace PromptGen;

/// <summary>
/// A <c>{{media}}</c> part cannot become a Microsoft.Extensions.AI content that a model provider would send: its media
/// type is unknown (no <c>contentType</c>, no type in the <c>data:</c> URI, no known file extension), the content type
/// is not a media type, or the URL is neither absolute nor a well-formed <c>data:</c> URI. Thrown by the generated
/// <c>Render</c> instead of producing a part that the provider would drop without a word. The message names the URL
/// without its query string (which may hold an access token) and the content type as given.
/// </summary>
public sealed class PromptMediaException : InvalidOperationException
{
    /// <summary>Creates the exception for the media part <paramref name="url"/> with <paramref name="contentType"/>.</summary>
    public PromptMediaException(string message, string url, string? contentType, Exception? innerException = null)
        : base(message, innerException)
    {
        Url = url ?? string.Empty;
        ContentType = contentType;
    }

    /// <summary>The part's URL as the template produced it.</summary>
    public string Url { get; }

    /// <summary>The part's content type as the template produced it; null when it gave none.</summary>
    public string? ContentType { get; }
}
