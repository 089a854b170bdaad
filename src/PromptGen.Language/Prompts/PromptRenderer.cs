using PromptGen.Language.Metadata;
using PromptGen.Language.Rendering;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Language.Prompts;

/// <summary>
/// Renders a whole <c>.prompt</c> source the way the reference runtime's <c>Dotprompt.render</c> and
/// <c>Dotprompt.renderMetadata</c> do, plus PromptGen's documented improvements.
/// </summary>
public static class PromptRenderer
{
    /// <summary>
    /// Renders <paramref name="source"/> with <paramref name="data"/>. As in the reference runtime, the
    /// caller's <paramref name="options"/> contribute only their <c>input.default</c> here; the metadata
    /// of the result is the file's own (see <see cref="RenderMetadata"/> for caller-merged metadata).
    /// Throws <see cref="TemplateRenderException"/> where the reference runtime throws; check first
    /// (<see cref="PromptCompiler"/>) to get those problems as diagnostics instead.
    /// </summary>
    public static RenderedPrompt Render(string path, string source, RenderData data, PromptValue? options = null, PromptEnvironment? environment = null)
    {
        if (data is null) throw new ArgumentNullException(nameof(data));
        environment ??= PromptEnvironment.Empty;
        var semantics = PromptCompiler.Compile(path, source, environment.Partials, DocumentOptions(environment));
        return Render(semantics, data, options, environment.AllowMarkersFromInput);
    }

    /// <summary>Renders a compiled prompt (its partials come with it). See <see cref="Render(string, string, RenderData, PromptValue?, PromptEnvironment?)"/>.</summary>
    public static RenderedPrompt Render(PromptSemantics semantics, RenderData data, PromptValue? options = null, bool allowMarkersFromInput = false)
    {
        if (semantics is null) throw new ArgumentNullException(nameof(semantics));
        if (data is null) throw new ArgumentNullException(nameof(data));
        var fileMetadata = semantics.Metadata;

        // Once rendered, the input schema is of no use to the caller: the reference drops it too.
        var metadata = ResolvedMetadata.Without(ResolvedMetadata.Complete(fileMetadata.ToValue()), "input");
        var input = InputDefaults.Apply(fileMetadata.InputDefault, options?["input"]?["default"], data.Input);
        var renderData = new RenderData
        {
            Input = input,
            Context = data.Context,
            Messages = data.Messages,
            Docs = data.Docs,
            PromptMetadata = metadata,
        };
        var settings = new RenderSettings { Partials = semantics.Partials, AllowMarkersFromInput = allowMarkersFromInput };
        var messages = TemplateRenderer.Render(semantics.Template, renderData, settings);
        return new RenderedPrompt(metadata, messages, semantics.Diagnostics);
    }

    /// <summary>Renders with data in the reference runtime's JSON shape: <c>{input, context, messages, docs}</c>.</summary>
    public static RenderedPrompt Render(string path, string source, PromptValue? data, PromptValue? options = null, PromptEnvironment? environment = null) =>
        Render(path, source, ToRenderData(data), options, environment);

    /// <summary>The prompt's metadata merged with the caller's options, schemas converted to JSON Schema.</summary>
    public static PromptValue RenderMetadata(string path, string source, PromptValue? options = null, PromptEnvironment? environment = null)
    {
        environment ??= PromptEnvironment.Empty;
        var document = Documents.PromptDocumentParser.Parse(path, source, DocumentOptions(environment));
        var merged = options is null
            ? document.Metadata
            : PromptMetadata.Merge(document.Metadata, options, environment.Schemas, environment.Tools);
        return ResolvedMetadata.Complete(merged.ToValue());
    }

    /// <summary>Converts reference-shaped render data (<c>{input, context, messages, docs}</c>).</summary>
    public static RenderData ToRenderData(PromptValue? data)
    {
        var messages = data?["messages"];
        return new RenderData
        {
            Input = data?["input"],
            Context = data?["context"],
            Messages = messages is { Kind: PromptValueKind.Array } ? messages.Items.Select(PromptMessage.FromValue).ToList() : null,
            Docs = data?["docs"],
        };
    }

    private static Documents.PromptDocumentOptions DocumentOptions(PromptEnvironment environment) =>
        new() { Schemas = environment.Schemas, Tools = environment.Tools };
}
