using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Capture;

/// <summary>Adds <see cref="PromptCaptureChatClient"/> to a chat pipeline.</summary>
public static class PromptCaptureChatClientBuilderExtensions
{
    /// <summary>Captures the calls of generated prompts to <paramref name="capture"/> (which the caller disposes).</summary>
    public static ChatClientBuilder UsePromptCapture(this ChatClientBuilder builder, PromptCapture capture)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(capture);
        return builder.Use(inner => new PromptCaptureChatClient(inner, capture));
    }

    /// <summary>
    /// Captures the calls of generated prompts to a new <see cref="PromptCapture"/> made from <paramref name="options"/>,
    /// disposed with the client. Reach it for feedback with <c>client.GetService&lt;PromptCapture&gt;()</c>.
    /// </summary>
    public static ChatClientBuilder UsePromptCapture(this ChatClientBuilder builder, PromptCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.Use(inner => new PromptCaptureChatClient(inner, new PromptCapture(options), ownsCapture: true));
    }

    /// <summary>Captures the calls of generated prompts to the <see cref="PromptCapture"/> registered in the service provider.</summary>
    public static ChatClientBuilder UsePromptCapture(this ChatClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) => new PromptCaptureChatClient(inner, services.GetRequiredService<PromptCapture>()));
    }
}
