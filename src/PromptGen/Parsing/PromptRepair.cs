namespace PromptGen;

/// <summary>One change the parser made to the model output, located in the original text.</summary>
/// <remarks>The parser creates repairs with their path and message unrendered; both are built on first access.</remarks>
public sealed class PromptRepair
{
    private readonly PathSegment[]? _pathSegments;
    private readonly Func<object?, object?, string>? _format;
    private readonly object? _first;
    private readonly object? _second;
    private string? _path;
    private string? _message;

    public PromptRepair(PromptRepairKind kind, string path, int start, int length, string message)
    {
        Kind = kind;
        _path = path;
        Start = start;
        Length = length;
        _message = message;
    }

    internal PromptRepair(PromptRepairKind kind, PathSegment[]? path, int start, int length, Func<object?, object?, string> format, object? first, object? second)
    {
        Kind = kind;
        _pathSegments = path;
        Start = start;
        Length = length;
        _format = format;
        _first = first;
        _second = second;
    }

    public PromptRepairKind Kind { get; }

    /// <summary>JSON path of the value concerned, e.g. <c>$.items[0].name</c>.</summary>
    public string Path => _path ??= JsonPathText.Render(_pathSegments);

    /// <summary>Offset (UTF-16 code units) of the concerned text in the original model output.</summary>
    public int Start { get; }

    /// <summary>Length of the concerned text in the original model output (0 for an insertion point).</summary>
    public int Length { get; }

    public string Message => _message ??= _format!(_first, _second);

    /// <summary>True for changes that make valid JSON explicit rather than fix it (e.g. null for a missing optional).</summary>
    public bool IsBenign => Kind == PromptRepairKind.NullForMissingOptional;

    public override string ToString() => $"{Kind} at {Path} [{Start}..{Start + Length}): {Message}";
}
