using PromptGen.Language.Metadata;
using PromptGen.Language.Rendering;
using PromptGen.Language.Schemas;

namespace PromptGen.Language.Prompts;

/// <summary>
/// What a prompt can refer to besides its own text: named schemas, partials and tools.
/// The counterpart of the options given to the reference runtime's <c>Dotprompt</c> constructor.
/// </summary>
public sealed class PromptEnvironment
{
    public static readonly PromptEnvironment Empty = new();

    /// <summary>Resolves named schemas used by Picoschema (<c>field: MySchema</c>).</summary>
    public ISchemaResolver? Schemas { get; init; }

    /// <summary>Resolves <c>{{> name}}</c> partials.</summary>
    public IPartialResolver? Partials { get; init; }

    /// <summary>Registered tool definitions; tools named in frontmatter and found here move to <c>toolDefs</c>.</summary>
    public IToolResolver? Tools { get; init; }

    /// <summary>
    /// Compatibility switch: let values interpolated from inputs create roles, media and sections,
    /// as the reference runtime does. Off by default (PromptGen neutralizes such markers).
    /// </summary>
    public bool AllowMarkersFromInput { get; init; }
}
