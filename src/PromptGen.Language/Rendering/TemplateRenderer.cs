using PromptGen.Language.Templates;

namespace PromptGen.Language.Rendering;

/// <summary>Renders a parsed template into Dotprompt messages, with the semantics of the Dotprompt reference runtime.</summary>
public static class TemplateRenderer
{
    /// <summary>Nesting of blocks and partials beyond which rendering stops (e.g. a partial that includes itself forever).</summary>
    public const int MaxRenderDepth = 512;

    /// <summary>
    /// Renders <paramref name="template"/>. Throws <see cref="TemplateRenderException"/> where the reference runtime
    /// throws (wrong helper arguments, missing partial, runaway recursion); the analyzer reports those at build time.
    /// </summary>
    public static IReadOnlyList<PromptMessage> Render(Template template, RenderData data, RenderSettings? settings = null)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        if (data is null) throw new ArgumentNullException(nameof(data));
        settings ??= new RenderSettings();
        var output = StackGuard.Run(() => new RenderEngine(settings).RenderRoot(template, data));
        return MessageAssembler.ToMessages(output, data, settings.AllowMarkersFromInput);
    }

    /// <summary>The rendered text before it is split into messages, with markers written as the reference runtime writes them.</summary>
    public static string RenderToString(Template template, RenderData data, RenderSettings? settings = null)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        if (data is null) throw new ArgumentNullException(nameof(data));
        return StackGuard.Run(() => new RenderEngine(settings ?? new RenderSettings()).RenderRoot(template, data).ToReferenceText());
    }
}
