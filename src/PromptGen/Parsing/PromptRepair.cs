namespace PromptGen;

/// <summary>One change the parser made to the model output, located in the original text.</summary>
public sealed class PromptRepair
{
    public PromptRepair(PromptRepairKind kind, string path, int start, int length, string message)
    {
        Kind = kind;
        Path = path;
        Start = start;
        Length = length;
        Message = message;
    }

    public PromptRepairKind Kind { get; }

    /// <summary>JSON path of the value concerned, e.g. <c>$.items[0].name</c>.</summary>
    public string Path { get; }

    /// <summary>Offset (UTF-16 code units) of the concerned text in the original model output.</summary>
    public int Start { get; }

    /// <summary>Length of the concerned text in the original model output (0 for an insertion point).</summary>
    public int Length { get; }

    public string Message { get; }

    /// <summary>True for changes that make valid JSON explicit rather than fix it (e.g. null for a missing optional).</summary>
    public bool IsBenign => Kind == PromptRepairKind.NullForMissingOptional;

    public override string ToString() => $"{Kind} at {Path} [{Start}..{Start + Length}): {Message}";
}
