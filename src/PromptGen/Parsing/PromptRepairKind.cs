namespace PromptGen;

/// <summary>What the parser had to change to turn model output into JSON that fits the output shape.</summary>
public enum PromptRepairKind
{
    // Locating the payload
    /// <summary>The payload was inside a Markdown code fence.</summary>
    StrippedCodeFence,
    /// <summary>Text before or after the payload was ignored.</summary>
    StrippedProse,
    /// <summary>Several candidate payloads were found; the one fitting the shape best was used.</summary>
    PickedCandidate,

    // JSON-ish syntax
    TrailingComma,
    /// <summary>A missing comma between members or items was assumed.</summary>
    MissingComma,
    /// <summary>A missing ':' between a key and its value was assumed.</summary>
    MissingColon,
    RemovedComment,
    SingleQuotes,
    UnquotedKey,
    UnquotedValue,
    EscapedNewlineInString,
    EscapedQuoteInString,
    /// <summary>A backslash escape JSON does not define was kept as literal text.</summary>
    InvalidEscape,
    /// <summary>Output ended early; open strings, objects and arrays were closed.</summary>
    ClosedTruncated,
    /// <summary><c>True</c>/<c>False</c>/<c>None</c> (or <c>undefined</c>) read as JSON literals.</summary>
    PythonLiteral,
    /// <summary>A number JSON does not allow (<c>+1</c>, <c>.5</c>, <c>1.</c>, leading zeros) was normalized.</summary>
    NonStandardNumber,
    /// <summary>Characters that cannot start any value were skipped.</summary>
    SkippedCharacters,

    // Coercion to the target shape
    NumberFromString,
    NumberWithSeparators,
    FloatToInteger,
    BooleanFromString,
    /// <summary>A number or boolean was given where a string is expected; its text was used.</summary>
    StringFromScalar,
    EnumCaseFixed,
    EnumFromPrefixOrWord,
    SingleValueToList,
    /// <summary>A one-element list was given where a single value is expected.</summary>
    ListToSingleValue,
    /// <summary>A <c>{"data": ...}</c>-style wrapper object around the payload was removed.</summary>
    UnwrappedDataWrapper,
    /// <summary>A property name differing in case or separators was mapped to the declared name.</summary>
    PropertyNameFixed,
    /// <summary>An optional property was missing and written as <c>null</c>. Valid JSON; not counted against cleanliness.</summary>
    NullForMissingOptional,
    DroppedUnknownProperty,
    /// <summary>A repeated property appeared; the last value was kept.</summary>
    DuplicateProperty,
}
