using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Tools;

/// <summary>
/// The base of the <see cref="AIFunction"/>s generated for <see cref="PromptToolAttribute"/> methods: name, description
/// and parameter schema are fixed by the generator, and the generated <c>InvokeCoreAsync</c> binds the arguments and
/// calls the method without reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PromptToolFunction : AIFunction
{
    private readonly JsonElement _jsonSchema;
    private readonly JsonElement? _returnJsonSchema;

    /// <summary>Creates the function from the generated name, description and schemas.</summary>
    /// <param name="name">The tool name.</param>
    /// <param name="description">What the tool does, for the model (may be empty).</param>
    /// <param name="jsonSchema">The JSON schema of the arguments object.</param>
    /// <param name="returnJsonSchema">The JSON schema of the result; null when the method returns nothing.</param>
    protected PromptToolFunction(string name, string description, string jsonSchema, string? returnJsonSchema)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Description = description ?? string.Empty;
        _jsonSchema = Parse(jsonSchema ?? throw new ArgumentNullException(nameof(jsonSchema)));
        _returnJsonSchema = returnJsonSchema is null ? null : Parse(returnJsonSchema);
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override JsonElement JsonSchema => _jsonSchema;

    /// <inheritdoc />
    public override JsonElement? ReturnJsonSchema => _returnJsonSchema;

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
