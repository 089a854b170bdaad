using System.ComponentModel;
using Microsoft.Extensions.AI;
using PromptGen.Telemetry;

namespace PromptGen;

/// <summary>Runs a rendered prompt against an <see cref="IChatClient"/> and parses the answer; used by generated code.</summary>
public static class PromptRunner
{
    /// <summary>
    /// The body of a generated <c>RunAsync</c>: checks the arguments, renders <paramref name="input"/> with the caller's
    /// render options, puts the caller's chat options over the prompt's, calls the model and parses its answer with
    /// <paramref name="reader"/> (re-asking once when the caller asked for it), and tells chat-client middleware
    /// which prompt the call belongs to: <see cref="Observation.PromptCallContext.Current"/> is set around the model
    /// calls and completed with the outcome before the result is returned. The result names the variant of
    /// <paramref name="callSite"/> (<see cref="Observation.PromptCallSite{TInput, TOutput}.ForVariant"/>) in <see cref="PromptResult{T}.Variant"/>.
    /// </summary>
    /// <typeparam name="TInput">The prompt's input record.</typeparam>
    /// <typeparam name="TOutput">The prompt's output type.</typeparam>
    /// <param name="callSite">The prompt's call site (name, version, variant).</param>
    /// <param name="client">The chat client.</param>
    /// <param name="input">The prompt's input.</param>
    /// <param name="render">The prompt's <c>Render</c>.</param>
    /// <param name="promptOptions">The prompt's <c>CreateOptions()</c>.</param>
    /// <param name="options">The caller's options for this call.</param>
    /// <param name="reader">The prompt's output parser.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The parsed value with the response, usage, every attempt's report and the call id.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Task<PromptResult<TOutput>> RunAsync<TInput, TOutput>(
        Observation.PromptCallSite<TInput, TOutput> callSite,
        IChatClient client,
        TInput input,
        Func<TInput, Rendering.PromptRenderOptions?, IList<ChatMessage>> render,
        ChatOptions promptOptions,
        PromptRunOptions? options,
        PromptOutputReader<TOutput> reader,
        CancellationToken cancellationToken = default)
        where TInput : class
    {
        if (callSite is null) throw new ArgumentNullException(nameof(callSite));
        var (messages, chatOptions) = Prepare(client, input, render, promptOptions, options, reader);
        var settings = options is { ReaskOnParseFailure: true } ? ReaskSettings : PromptRunSettings.Default;
        var call = new Observation.PromptCallContext(callSite, input);
        return RunCoreAsync(client, messages, chatOptions, reader, settings, call, options?.Telemetry, cancellationToken);
    }

    /// <summary>
    /// What a generated call does first, run or stream: checks its arguments, renders the input with the caller's render
    /// options and puts the caller's chat options over the prompt's.
    /// </summary>
    internal static (IList<ChatMessage> Messages, ChatOptions ChatOptions) Prepare<TInput>(
        IChatClient client,
        TInput input,
        Func<TInput, Rendering.PromptRenderOptions?, IList<ChatMessage>> render,
        ChatOptions promptOptions,
        PromptRunOptions? options,
        object reader)
        where TInput : class
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (input is null) throw new ArgumentNullException(nameof(input));
        if (render is null) throw new ArgumentNullException(nameof(render));
        if (reader is null) throw new ArgumentNullException(nameof(reader));
        return (render(input, options?.RenderOptions), PromptChatOptions.Merge(promptOptions, options?.ChatOptions));
    }

    private static readonly PromptRunSettings ReaskSettings = new() { ReaskOnParseFailure = true };

    public static Task<PromptResult<T>> RunAsync<T>(
        IChatClient client,
        IList<ChatMessage> messages,
        ChatOptions? options,
        PromptOutputReader<T> reader,
        PromptRunSettings? settings = null,
        CancellationToken cancellationToken = default)
    {
        if (client is null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        if (messages is null)
        {
            throw new ArgumentNullException(nameof(messages));
        }

        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        return RunCoreAsync(client, messages, options, reader, settings ?? PromptRunSettings.Default, null, null, cancellationToken);
    }

    private static async Task<PromptResult<T>> RunCoreAsync<T>(
        IChatClient client,
        IList<ChatMessage> messages,
        ChatOptions? options,
        PromptOutputReader<T> reader,
        PromptRunSettings settings,
        Observation.PromptCallContext? call,
        PromptTelemetryOptions? telemetryOptions,
        CancellationToken cancellationToken)
    {
        var maxAttempts = settings.ReaskOnParseFailure ? 2 : 1;
        var reports = new List<PromptParseReport>(maxAttempts);
        IList<ChatMessage> conversation = messages;
        UsageDetails? usage = null;
        string? lastText = null, modelId = null;
        if (call is not null) Observation.PromptCallContext.Current = call;
        using var telemetry = PromptCallTelemetry.Start(call, client, messages, options, telemetryOptions);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                call?.BeginAttempt();
                var response = await client.GetResponseAsync(conversation, options, cancellationToken).ConfigureAwait(false);
                usage = Sum(usage, response.Usage);
                Tools.PromptToolCallException.ThrowIfUnanswered(response);
                var text = response.Text ?? string.Empty;
                lastText = text;
                modelId = response.ModelId ?? modelId;
                var (ok, value, report) = ReadAnswer(reader, text);
                reports.Add(report);
                telemetry?.Attempt(attempt, response, report, ok, willReask: !ok && attempt < maxAttempts);
                if (ok)
                {
                    var result = new PromptResult<T>(value!, response, usage, reports, call?.CallId ?? Observation.PromptCallContext.NewCallId())
                    {
                        Variant = call?.CallSite.Variant,
                    };
                    call?.Complete(text, value, reports, usage, modelId);
                    return result;
                }

                if (attempt >= maxAttempts)
                {
                    throw ParseFailure(attempt, report, text);
                }

                conversation = ReaskConversation(conversation, response, report);
            }
        }
        catch (Exception ex) when ((telemetry is not null && telemetry.Failed(ex)) || (call is not null && Failed(call, ex, lastText, reports, usage, modelId)))
        {
            throw; // Failed always returns false: the filter records the failure and lets the exception go unchanged.
        }
    }

    private static bool Failed(Observation.PromptCallContext call, Exception exception, string? text, List<PromptParseReport> reports,
        UsageDetails? usage, string? modelId)
    {
        call.Fail(exception, text, reports, usage, modelId);
        return false;
    }

    /// <summary>Parses one answer with <paramref name="reader"/>; a reader that throws counts as a failed parse.</summary>
    internal static (bool Ok, T? Value, PromptParseReport Report) ReadAnswer<T>(PromptOutputReader<T> reader, string text)
    {
        bool ok;
        T? value;
        PromptParseReport report;
        try
        {
            ok = reader(text, out value, out report);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ok = false;
            value = default;
            report = new PromptParseReport(null, "output reader failed: " + ex.Message);
        }

        return (ok, value, report ?? new PromptParseReport(null, ok ? null : "output could not be parsed"));
    }

    internal static PromptOutputException ParseFailure(int attempts, PromptParseReport report, string text) =>
        new($"The model output could not be parsed after {attempts} attempt(s): {report.Error}", report, text);

    /// <summary>The re-ask: the caller's messages (left intact), the model's answer, and what was wrong with it.</summary>
    internal static IList<ChatMessage> ReaskConversation(IList<ChatMessage> conversation, ChatResponse response, PromptParseReport report)
    {
        var next = new List<ChatMessage>(conversation.Count + response.Messages.Count + 1);
        next.AddRange(conversation);
        next.AddRange(response.Messages);
        next.Add(new ChatMessage(
            ChatRole.User,
            "Your previous answer could not be parsed: " + (report.Error ?? "invalid output") +
            ". Reply again with only the corrected output, as valid JSON that matches the requested schema."));
        return next;
    }

    internal static UsageDetails? Sum(UsageDetails? total, UsageDetails? next)
    {
        if (next is null)
        {
            return total;
        }

        var sum = total ?? new UsageDetails();
        sum.Add(next);
        return sum;
    }
}
