using System.ComponentModel;

namespace PromptGen.Serialization;

/// <summary>
/// Where a generated record's reader is in its JSON object: the property it is on and the properties it has read
/// (for the required-property check of <see cref="JsonPropertyNames.Complete"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct JsonPropertyCursor
{
    internal JsonPropertyCursor(int index, ulong read = 0)
    {
        Index = index;
        Read = read;
    }

    /// <summary>The index of the property the reader is on, in the table's order; -1 before the first.</summary>
    public int Index { get; }

    /// <summary>The properties read so far: bit <c>i</c> for the property at index <c>i</c>.</summary>
    internal ulong Read { get; }
}
