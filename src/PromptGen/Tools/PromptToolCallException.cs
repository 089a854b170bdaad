using Microsoft.Extensions.AI;

namespace PromptGen.Tools;

/// <summary>
/// The model's final answer was only a request to call tools, so there is no output to parse. This happens when the
/// chat client is not composed with function invocation (<c>ChatClientBuilder.UseFunctionInvocation()</c>), or when
/// function invocation stopped at its iteration limit while the model still asked for tools.
/// </summary>
public sealed class PromptToolCallException : InvalidOperationException
{
    /// <summary>Creates the exception for the tool calls the answer held.</summary>
    /// <param name="calls">The calls the model asked for.</param>
    /// <param name="response">The response that held them.</param>
    public PromptToolCallException(IReadOnlyList<FunctionCallContent> calls, ChatResponse response)
        : base(MessageFor(calls))
    {
        Calls = calls ?? throw new ArgumentNullException(nameof(calls));
        Response = response ?? throw new ArgumentNullException(nameof(response));
    }

    /// <summary>The tool calls the model asked for instead of answering.</summary>
    public IReadOnlyList<FunctionCallContent> Calls { get; }

    /// <summary>The response that ended the call.</summary>
    public ChatResponse Response { get; }

    /// <summary>Throws when <paramref name="response"/> has no text and ends with tool calls that were never answered.</summary>
    /// <param name="response">The final response of a prompt call.</param>
    public static void ThrowIfUnanswered(ChatResponse response)
    {
        if (response is null) throw new ArgumentNullException(nameof(response));
        if (!string.IsNullOrWhiteSpace(response.Text)) return;
        var answered = new HashSet<string>(response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId), StringComparer.Ordinal);
        var pending = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => !answered.Contains(c.CallId)).ToList();
        if (pending.Count > 0) throw new PromptToolCallException(pending, response);
    }

    private static string MessageFor(IReadOnlyList<FunctionCallContent>? calls)
    {
        var names = calls is null ? string.Empty : string.Join(", ", calls.Select(c => "'" + c.Name + "'").Distinct());
        return $"The model answered only with a call to the tool(s) {names}, so there is no output to parse. " +
            "Compose the chat client with function invocation (new ChatClientBuilder(client).UseFunctionInvocation().Build()) so the tools run " +
            "and the model gets their results; if it already is, the model kept calling tools until the invocation limit (MaximumIterationsPerRequest).";
    }
}
