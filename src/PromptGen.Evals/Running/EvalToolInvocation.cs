using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Running;

/// <summary>
/// Tool calls during evals: a prompt whose options carry tools runs through <see cref="FunctionInvokingChatClient"/>
/// over the recording client, as the application composes it, so every model turn (the tool calls it asks for, then the
/// request carrying the tool results) is recorded and replayed on its own. A tool whose result changed since recording
/// changes the next turn's request, which replay reports as PG1003 with the difference.
/// </summary>
internal static class EvalToolInvocation
{
    // Compact, so assertion messages show a call on one line.
    private static readonly JsonSerializerOptions s_compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary><paramref name="client"/> with function invocation when <paramref name="options"/> hold invocable tools.</summary>
    public static IChatClient For(IChatClient client, ChatOptions? options) =>
        options?.Tools?.Any(t => t is AIFunction) == true
            ? new FunctionInvokingChatClient(client) { IncludeDetailedErrors = true }
            : client;

    /// <summary>Every tool call the model made in the response's turns, in order.</summary>
    public static IReadOnlyList<RecordedToolCall> CallsIn(ChatResponse response) => response.Messages
        .SelectMany(m => m.Contents.OfType<FunctionCallContent>())
        .Select(c => new RecordedToolCall(c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments, s_compact)))
        .ToList();
}
