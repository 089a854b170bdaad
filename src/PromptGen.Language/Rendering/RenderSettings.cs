namespace PromptGen.Language.Rendering;

/// <summary>How to render.</summary>
public sealed class RenderSettings
{
    /// <summary>Where <c>{{> name}}</c> finds partials.</summary>
    public IPartialResolver? Partials { get; init; }

    /// <summary>
    /// Compatibility switch, off by default. When off, only the <c>role</c>, <c>history</c>, <c>media</c> and <c>section</c>
    /// helpers can start messages or create parts: text interpolated from input values that happens to contain
    /// <c>&lt;&lt;&lt;dotprompt:role:system&gt;&gt;&gt;</c> stays text. When on, the rendered text is split on those markers
    /// exactly like the Dotprompt reference runtime does, so such input can inject messages.
    /// </summary>
    public bool AllowMarkersFromInput { get; init; }
}
