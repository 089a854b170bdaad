namespace PromptGen.Language.Rendering;

/// <summary>
/// How PromptGen decides the media type of a <c>{{media}}</c> part: the declared <c>contentType</c>, else the media type
/// written in a <c>data:</c> URI, else the URL's file extension. The one table of file extensions, shared as source by
/// the build check (PG0210) and the run-time mapping to Microsoft.Extensions.AI contents, so both decide alike.
/// </summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
static class MediaTypes
{
    /// <summary>
    /// File extensions (lowercase, without the dot) and their media types, in the order the documentation lists them.
    /// The types are the IANA names that Microsoft.Extensions.AI's providers recognise (<c>audio/mpeg</c> for mp3,
    /// <c>audio/wav</c> for wav).
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> ByExtension = new[]
    {
        Pair("png", "image/png"),
        Pair("jpg", "image/jpeg"),
        Pair("jpeg", "image/jpeg"),
        Pair("gif", "image/gif"),
        Pair("webp", "image/webp"),
        Pair("heic", "image/heic"),
        Pair("heif", "image/heif"),
        Pair("avif", "image/avif"),
        Pair("bmp", "image/bmp"),
        Pair("tif", "image/tiff"),
        Pair("tiff", "image/tiff"),
        Pair("svg", "image/svg+xml"),
        Pair("pdf", "application/pdf"),
        Pair("txt", "text/plain"),
        Pair("md", "text/markdown"),
        Pair("csv", "text/csv"),
        Pair("html", "text/html"),
        Pair("htm", "text/html"),
        Pair("json", "application/json"),
        Pair("mp3", "audio/mpeg"),
        Pair("wav", "audio/wav"),
        Pair("ogg", "audio/ogg"),
        Pair("oga", "audio/ogg"),
        Pair("opus", "audio/opus"),
        Pair("flac", "audio/flac"),
        Pair("aac", "audio/aac"),
        Pair("m4a", "audio/mp4"),
        Pair("aiff", "audio/aiff"),
        Pair("mp4", "video/mp4"),
        Pair("m4v", "video/mp4"),
        Pair("mov", "video/quicktime"),
        Pair("webm", "video/webm"),
        Pair("mpeg", "video/mpeg"),
        Pair("mpg", "video/mpeg"),
        Pair("avi", "video/x-msvideo"),
        Pair("wmv", "video/x-ms-wmv"),
        Pair("flv", "video/x-flv"),
        Pair("3gp", "video/3gpp"),
    };

    private static readonly Dictionary<string, string> s_byExtension =
        ByExtension.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    private const int DescribedLength = 120;

    /// <summary>The media type of a file extension (with or without the dot, any case), or null when it is not in the table.</summary>
    public static string? FromExtension(string extension)
    {
        if (extension is null) throw new ArgumentNullException(nameof(extension));
        if (extension.StartsWith(".", StringComparison.Ordinal)) extension = extension.Substring(1);
        return s_byExtension.TryGetValue(extension, out var type) ? type : null;
    }

    /// <summary>True for a <c>data:</c> URI (any case).</summary>
    public static bool IsDataUri(string url) =>
        url is not null && url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when <paramref name="url"/> starts with a URI scheme (<c>https:</c>, <c>gs:</c>, ...) and is an absolute URI.
    /// A path such as <c>/photos/cat.png</c> is not: .NET would read it as a <c>file:</c> URI on Unix.
    /// </summary>
    public static bool IsAbsoluteUrl(string url)
    {
        if (string.IsNullOrEmpty(url) || !IsLetter(url[0])) return false;
        var i = 1;
        while (i < url.Length && (IsLetter(url[i]) || (url[i] >= '0' && url[i] <= '9') || url[i] is '+' or '-' or '.')) i++;
        return i > 1 && i < url.Length && url[i] == ':' && Uri.TryCreate(url, UriKind.Absolute, out _);
    }

    /// <summary>
    /// The media type written in a <c>data:</c> URI (<c>data:image/png;base64,...</c> gives <c>image/png</c>), or null
    /// when it names none (<c>data:;base64,...</c>, <c>data:,text</c>) or is not a data: URI. RFC 2397 reads a missing
    /// type as <c>text/plain</c>; PromptGen does not guess, since a typeless base64 image would silently become text.
    /// </summary>
    public static string? OfDataUri(string url)
    {
        if (!IsDataUri(url)) return null;
        var comma = url.IndexOf(',');
        var header = comma < 0 ? url.Substring(5) : url.Substring(5, comma - 5);
        var semicolon = header.IndexOf(';');
        var type = (semicolon < 0 ? header : header.Substring(0, semicolon)).Trim();
        return type.Length == 0 ? null : type;
    }

    /// <summary>
    /// The media type a URL gives by itself: for a data: URI the type it names, otherwise the extension of the last
    /// path segment (query and fragment ignored: <c>https://x/cat.PNG?size=2</c> gives <c>image/png</c>). Null when
    /// neither is known.
    /// </summary>
    public static string? FromUrl(string url)
    {
        if (url is null) throw new ArgumentNullException(nameof(url));
        if (IsDataUri(url)) return OfDataUri(url);
        string path;
        if (IsAbsoluteUrl(url) && Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            // The path only: a host such as example.png is no file name.
            path = uri.AbsolutePath;
        }
        else
        {
            var end = url.IndexOfAny(new[] { '?', '#' });
            path = end < 0 ? url : url.Substring(0, end);
        }

        var slash = path.LastIndexOf('/');
        var name = slash < 0 ? path : path.Substring(slash + 1);
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? null : FromExtension(name.Substring(dot + 1));
    }

    /// <summary>
    /// Whether <paramref name="mediaType"/> is written as a media type: <c>type/subtype</c> with optional
    /// <c>;name=value</c> parameters, tokens as RFC 9110 defines them, no spaces (Dotprompt splits media markers on spaces).
    /// </summary>
    public static bool IsValid(string mediaType)
    {
        if (string.IsNullOrEmpty(mediaType)) return false;
        var i = 0;
        if (!Token(mediaType, ref i) || i >= mediaType.Length || mediaType[i] != '/') return false;
        i++;
        if (!Token(mediaType, ref i)) return false;
        while (i < mediaType.Length)
        {
            if (mediaType[i] != ';') return false;
            i++;
            if (!Token(mediaType, ref i) || i >= mediaType.Length || mediaType[i] != '=') return false;
            i++;
            if (i < mediaType.Length && mediaType[i] == '"')
            {
                var close = mediaType.IndexOf('"', i + 1);
                if (close < 0) return false;
                i = close + 1;
            }
            else if (!Token(mediaType, ref i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The URL as error messages show it: a data: URI as its header and length, any other URL without its user
    /// information, query and fragment (they may hold credentials and access tokens), both cut to a readable length.
    /// </summary>
    public static string Describe(string url)
    {
        if (url is null) return "(none)";
        if (IsDataUri(url))
        {
            var comma = url.IndexOf(',');
            var header = comma < 0 ? url : url.Substring(0, comma + 1);
            return Cut(header, DescribedLength) + "... (" + url.Length + " characters)";
        }

        var end = url.IndexOfAny(new[] { '?', '#' });
        var shown = end < 0 ? url : url.Substring(0, end) + (url[end] == '?' ? "?..." : "#...");
        var authority = shown.IndexOf("://", StringComparison.Ordinal);
        if (authority >= 0)
        {
            var hostEnd = shown.IndexOf('/', authority + 3);
            var at = shown.LastIndexOf('@', hostEnd < 0 ? shown.Length - 1 : hostEnd);
            if (at > authority) shown = shown.Substring(0, authority + 3) + "...@" + shown.Substring(at + 1);
        }

        return "'" + Cut(shown, DescribedLength) + "'";
    }

    /// <summary>
    /// Decides the media type of a part made by <c>{{media url=... contentType=...}}</c> (a falsy or empty
    /// <paramref name="contentType"/> counts as none), or says why it cannot be decided.
    /// </summary>
    public static MediaResolution Resolve(string url, string? contentType)
    {
        if (url is null) throw new ArgumentNullException(nameof(url));
        var declared = string.IsNullOrEmpty(contentType) ? null : contentType;
        var described = Describe(url);
        if (IsDataUri(url))
        {
            var type = declared ?? OfDataUri(url);
            return type is not null
                ? new MediaResolution(type, isDataUri: true, fromUrl: declared is null, problem: null)
                : new MediaResolution(null, isDataUri: true, fromUrl: false,
                    problem: $"The data: URI {described} names no media type and the {{{{media}}}} helper has no contentType. Write the type into the URI (data:image/png;base64,...) or add contentType=\"image/png\".");
        }

        if (!IsAbsoluteUrl(url))
        {
            return new MediaResolution(declared, isDataUri: false, fromUrl: false,
                problem: $"The media URL {described} is neither an absolute URL (https://...) nor a data: URI; no model provider can fetch it.");
        }

        var mediaType = declared ?? FromUrl(url);
        return mediaType is not null
            ? new MediaResolution(mediaType, isDataUri: false, fromUrl: declared is null, problem: null)
            : new MediaResolution(null, isDataUri: false, fromUrl: false,
                problem: $"The media type of {described} is unknown: the {{{{media}}}} helper has no contentType and the URL does not end in a known file extension ({KnownExtensionsText()}). Add contentType=\"image/png\" (or a contentType from the input) to the helper; a part of unknown type would be dropped by the model provider without a word.");
    }

    /// <summary>The known extensions as a short list for messages: <c>.png, .jpg, ...</c>.</summary>
    public static string KnownExtensionsText() =>
        string.Join(", ", ByExtension.Select(p => "." + p.Key).Take(8)) + ", ...";

    private static bool Token(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && IsTokenChar(text[i])) i++;
        return i > start;
    }

    private static bool IsTokenChar(char c) =>
        IsLetter(c) || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;

    private static bool IsLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static string Cut(string text, int length) => text.Length <= length ? text : text.Substring(0, length) + "...";

    private static KeyValuePair<string, string> Pair(string extension, string mediaType) => new(extension, mediaType);
}

/// <summary>What <see cref="MediaTypes.Resolve"/> decided for one media part.</summary>
/// <param name="mediaType">The media type: declared, or given by the URL; null when unknown.</param>
/// <param name="isDataUri">True when the URL is a <c>data:</c> URI.</param>
/// <param name="fromUrl">True when the type came from the URL, not from <c>contentType</c>.</param>
/// <param name="problem">Why the part cannot be sent as it is; null when it can.</param>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class MediaResolution(string? mediaType, bool isDataUri, bool fromUrl, string? problem)
{
    /// <summary>The media type: declared, or given by the URL; null when unknown.</summary>
    public string? MediaType { get; } = mediaType;

    /// <summary>True when the URL is a <c>data:</c> URI (its bytes travel in the request).</summary>
    public bool IsDataUri { get; } = isDataUri;

    /// <summary>True when the type came from the URL (data: header or file extension), not from <c>contentType</c>.</summary>
    public bool FromUrl { get; } = fromUrl;

    /// <summary>Why the part cannot be sent as it is, as a message for the user; null when it can.</summary>
    public string? Problem { get; } = problem;
}
