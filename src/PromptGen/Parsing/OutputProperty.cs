namespace PromptGen;

/// <summary>One declared property of an object <see cref="OutputShape"/>.</summary>
public sealed class OutputProperty
{
    public OutputProperty(string name, OutputShape shape, bool required = true)
    {
        Name = name ?? throw new System.ArgumentNullException(nameof(name));
        Shape = shape ?? throw new System.ArgumentNullException(nameof(shape));
        Required = required;
    }

    /// <summary>The JSON (wire) name.</summary>
    public string Name { get; }

    public OutputShape Shape { get; }

    /// <summary>When false, a missing property is filled with <c>null</c> (and reported).</summary>
    public bool Required { get; }

    public override string ToString() => Name + (Required ? "" : "?") + ": " + Shape;
}
