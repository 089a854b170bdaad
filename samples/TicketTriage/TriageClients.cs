using System;
using System.IO;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;

namespace TicketTriage;

/// <summary>
/// The chat clients the sample calls its four prompts with. With <c>PROMPTGEN_ENDPOINT</c> or <c>PROMPTGEN_MODEL</c>
/// set, one OpenAI-compatible client for all of them; otherwise, for each prompt, a client that replays the
/// recordings committed next to its eval file (the same replay client the evals use), so the sample runs offline.
/// </summary>
public sealed class TriageClients : IDisposable
{
    private readonly IDisposable[] _owned;

    private TriageClients(
        string mode, bool offline, IChatClient classify, IChatClient extract, IChatClient draft, IChatClient orders,
        ChatOptions? callOptions, params IDisposable[] owned)
    {
        _owned = owned;
        Mode = mode;
        IsOffline = offline;
        Classify = classify;
        Extract = extract;
        Draft = draft;
        Orders = orders;
        CallOptions = callOptions;
    }

    /// <summary>One line that says where the answers come from.</summary>
    public string Mode { get; }

    /// <summary>Whether answers are replayed (only the built-in tickets have recorded answers).</summary>
    public bool IsOffline { get; }

    public IChatClient Classify { get; }

    public IChatClient Extract { get; }

    public IChatClient Draft { get; }

    /// <summary>
    /// The client for <c>OrderStatus</c>, whose prompt declares the <c>lookupOrder</c> tool: it runs the model's tool
    /// calls (<c>UseFunctionInvocation()</c>) and sends their results back until the model answers.
    /// </summary>
    public IChatClient Orders { get; }

    /// <summary>Options passed with every call: the configured model replaces the one named in the prompt files.</summary>
    public ChatOptions? CallOptions { get; }

    /// <summary>Picks the clients from the environment.</summary>
    /// <param name="getVariable">Reads an environment variable.</param>
    /// <param name="promptsFolder">Where the <c>*.eval.recordings.json</c> files are.</param>
    /// <exception cref="EvalProviderException">The model settings are incomplete or invalid.</exception>
    public static TriageClients Create(Func<string, string?> getVariable, string promptsFolder)
    {
        var options = EvalProviderOptions.FromEnvironment(getVariable);
        if (options.Endpoint is not null || options.Model is not null)
        {
            if (options.Model is null)
            {
                throw new EvalProviderException(ProviderErrorKind.Configuration,
                    $"{EvalProviderOptions.Names.EndpointVariable} is set but {EvalProviderOptions.Names.ModelVariable} is not: name the model to call.");
            }

            var client = EvalProviderFactory.CreateChatClient(options);
            var where = options.Endpoint ?? "the OpenAI API";
            // Disposing the function-invoking client disposes the one it wraps, the client all prompts share.
            var orders = WithToolCalls(client);
            return new TriageClients($"Mode: live, model '{options.Model}' at {where}", offline: false,
                client, client, client, orders, new ChatOptions { ModelId = options.Model }, orders);
        }

        var classify = Replay(promptsFolder, "ClassifyTicket");
        var extract = Replay(promptsFolder, "ExtractTicketDetails");
        var draft = Replay(promptsFolder, "DraftReply");
        var orderStatus = WithToolCalls(Replay(promptsFolder, "OrderStatus"));
        return new TriageClients(
            "Mode: offline, replaying the hand-written responses in Prompts/*.eval.recordings.json " +
            $"(set {EvalProviderOptions.Names.EndpointVariable} and {EvalProviderOptions.Names.ModelVariable} to call a model)",
            offline: true,
            classify, extract, draft, orderStatus,
            callOptions: null,
            classify, extract, draft, orderStatus);
    }

    public void Dispose()
    {
        foreach (var owned in _owned) owned.Dispose();
    }

    // Offline, the tools run for real with the recorded arguments; the replayed next turn holds the recorded tool result,
    // so a tool that now returns something else is a recording miss (PG1003) with the difference.
    private static IChatClient WithToolCalls(IChatClient client) => new ChatClientBuilder(client).UseFunctionInvocation().Build();

    // Replay mode never reaches the inner client; a call without a recording fails with the PG1003 explanation.
    private static RecordingChatClient Replay(string promptsFolder, string promptName) =>
        new(new UnconfiguredChatClient(),
            RecordingStore.ForEvalFile(Path.Combine(promptsFolder, promptName + ".eval.yaml"), EvalMode.Replay));
}
