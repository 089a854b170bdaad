using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Rendering;

/// <summary>Render data besides the input, as Dotprompt's render call takes it.</summary>
public sealed class PromptRenderOptions
{
    /// <summary>
    /// Conversation history. Placed where the template writes <c>{{history}}</c> (each message then carries
    /// <c>AdditionalProperties["purpose"] = "history"</c>), otherwise before the last message when that one is from the
    /// user, else at the end.
    /// </summary>
    public IEnumerable<ChatMessage>? History { get; init; }

    /// <summary>A JSON object whose keys become <c>@</c> data variables (<c>{{@state.count}}</c>, <c>{{@auth.uid}}</c>).</summary>
    public JsonElement? Context { get; init; }

    /// <summary>Retrieved documents, available as <c>@metadata.docs</c>.</summary>
    public JsonElement? Docs { get; init; }

    /// <summary>
    /// Compatibility switch, off by default: when on, text interpolated from input values that contains
    /// <c>&lt;&lt;&lt;dotprompt:role:system&gt;&gt;&gt;</c> and similar markers splits messages exactly as the
    /// Dotprompt reference runtime does (which lets input inject messages).
    /// </summary>
    public bool AllowMarkersFromInput { get; init; }
}
