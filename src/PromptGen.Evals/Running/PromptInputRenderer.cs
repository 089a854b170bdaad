using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Catalog;

namespace PromptGen.Evals.Running;

/// <summary>Renders a built prompt with an input given as JSON text, as a trial and <c>promptgen run</c> do.</summary>
internal static class PromptInputRenderer
{
    /// <summary>The rendered messages; <c>null</c>, with <paramref name="error"/> saying why, when the prompt cannot be rendered with this input.</summary>
    public static IList<ChatMessage>? TryRender(IPromptDescriptor prompt, string inputJson, out string? error)
    {
        error = null;
        using var input = JsonDocument.Parse(inputJson);
        try
        {
            return prompt.RenderJson(input.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            error = "the prompt could not be rendered with this input: " + exception.Message;
            return null;
        }
    }
}
