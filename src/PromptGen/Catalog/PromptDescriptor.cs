using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Catalog;

/// <summary>
/// The <see cref="IPromptDescriptor"/> of a generated prompt: its name, source path and schema, and the prompt's own
/// generated members for rendering, options and parsing. The source generator creates one per prompt for the
/// assembly's prompt catalog; the members are the same for every prompt, so they live here once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PromptDescriptor : IPromptDescriptor
{
    private readonly Func<JsonElement, IList<ChatMessage>> _renderJson;
    private readonly Func<ChatOptions> _createOptions;
    private readonly Func<string, PromptJsonParseResult> _parseToJson;

    /// <summary>Creates the descriptor of one prompt.</summary>
    /// <param name="name">The prompt's name.</param>
    /// <param name="sourcePath">The <c>.prompt</c> file, relative to the project directory, with forward slashes.</param>
    /// <param name="outputJsonSchema">The JSON Schema sent as the response format, or <c>null</c> for text output.</param>
    /// <param name="renderJson">The prompt's generated render of an input given as JSON.</param>
    /// <param name="createOptions">The prompt's generated <c>CreateOptions</c>.</param>
    /// <param name="parseToJson">The prompt's generated parser, returning the typed value re-serialized as JSON.</param>
    public PromptDescriptor(
        string name,
        string sourcePath,
        string? outputJsonSchema,
        Func<JsonElement, IList<ChatMessage>> renderJson,
        Func<ChatOptions> createOptions,
        Func<string, PromptJsonParseResult> parseToJson)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        SourcePath = sourcePath ?? throw new ArgumentNullException(nameof(sourcePath));
        OutputJsonSchema = outputJsonSchema;
        _renderJson = renderJson ?? throw new ArgumentNullException(nameof(renderJson));
        _createOptions = createOptions ?? throw new ArgumentNullException(nameof(createOptions));
        _parseToJson = parseToJson ?? throw new ArgumentNullException(nameof(parseToJson));
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string SourcePath { get; }

    /// <inheritdoc/>
    public string? OutputJsonSchema { get; }

    /// <inheritdoc/>
    public IList<ChatMessage> RenderJson(JsonElement input) => _renderJson(input);

    /// <inheritdoc/>
    public ChatOptions CreateOptions() => _createOptions();

    /// <inheritdoc/>
    public PromptJsonParseResult ParseToJson(string modelText) => _parseToJson(modelText);
}
