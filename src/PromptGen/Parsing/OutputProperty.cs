using System.Text.Json;

namespace PromptGen;

/// <summary>One declared property of an object <see cref="OutputShape"/>.</summary>
public sealed class OutputProperty
{
    public OutputProperty(string name, OutputShape shape, bool required = true)
    {
        Name = name ?? throw new System.ArgumentNullException(nameof(name));
        Shape = shape ?? throw new System.ArgumentNullException(nameof(shape));
        Required = required;
        EncodedName = AlignedJson.TryEncode(name);
    }

    /// <summary>The JSON (wire) name.</summary>
    public string Name { get; }

    public OutputShape Shape { get; }

    /// <summary>When false, a missing property is filled with <c>null</c> (and reported).</summary>
    public bool Required { get; }

    /// <summary>
    /// <see cref="Name"/> escaped once for the aligned JSON, so writing it per parse is a copy; null when the name
    /// cannot be encoded (invalid UTF-16), and the writer then reports that as it always has.
    /// </summary>
    internal JsonEncodedText? EncodedName { get; }

    public override string ToString() => Name + (Required ? "" : "?") + ": " + Shape;
}
