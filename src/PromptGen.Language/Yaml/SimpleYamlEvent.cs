namespace PromptGen.Language.Yaml;

/// <summary>What a <see cref="SimpleYamlEvent"/> stands for.</summary>
internal enum SimpleYamlEventKind : byte
{
    BlockMappingStart,
    BlockSequenceStart,
    FlowSequenceStart,
    PlainScalar,
    SingleQuotedScalar,
    DoubleQuotedScalar,
    CollectionEnd,
}

/// <summary>
/// One parser event found by <see cref="SimpleYamlScanner"/>: kept as offsets into the file, so a document the scanner
/// gives up on costs no strings and no nodes. A scalar runs from <see cref="Start"/> to <see cref="End"/> (quotes
/// included); a collection end's <see cref="Start"/> is where its closing bracket is (block collections have none).
/// </summary>
internal readonly struct SimpleYamlEvent(SimpleYamlEventKind kind, int start, int end)
{
    public SimpleYamlEventKind Kind { get; } = kind;

    public int Start { get; } = start;

    public int End { get; } = end;
}
