namespace PromptGen;

/// <summary>
/// Result of <see cref="SchemaAlignedParser.Parse"/>: canonical UTF-8 JSON aligned to the shape (ready for a strict
/// <c>Utf8JsonReader</c>), or a failure, and the report either way.
/// </summary>
public readonly struct PromptParseOutcome
{
    private readonly ReadOnlyMemory<byte> _json;

    internal PromptParseOutcome(ReadOnlyMemory<byte> json, PromptParseReport report, bool success)
    {
        _json = json;
        Report = report;
        Success = success;
    }

    public bool Success { get; }

    public PromptParseReport Report { get; }

    /// <summary>Canonical JSON as UTF-8 (empty on failure): every declared property present, values of the declared kinds.</summary>
    public ReadOnlyMemory<byte> Utf8Json => _json;

    /// <summary>The canonical JSON decoded as a string (allocates; for diagnostics and tests).</summary>
    public string? JsonText => Success ? Encoding.UTF8.GetString(_json.ToArray()) : null;

    /// <summary>Throws <see cref="PromptOutputException"/> when parsing failed.</summary>
    public ReadOnlyMemory<byte> GetJsonOrThrow(string modelText) =>
        Success ? _json : throw new PromptOutputException(Report, modelText);
}
