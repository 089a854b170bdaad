using Xunit.Abstractions;

namespace PromptGen.Conformance.Tests;

/// <summary>
/// A theory row naming one spec case. It is serializable, so every case is discovered as its own test,
/// and its text is the whole <c>file &gt; suite &gt; desc</c> (xunit would shorten a plain string argument).
/// </summary>
public sealed class SpecCaseId : IXunitSerializable
{
    [System.Obsolete("For the xunit serializer only.")]
    public SpecCaseId()
    {
        Value = string.Empty;
    }

    public SpecCaseId(string value) => Value = value;

    public string Value { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Value = info.GetValue<string>(nameof(Value));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Value), Value);

    public override string ToString() => Value;
}
