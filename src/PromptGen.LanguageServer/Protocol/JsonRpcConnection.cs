using System.Text.Json;
using System.Text.Json.Nodes;

namespace PromptGen.LanguageServer.Protocol;

/// <summary>
/// JSON-RPC 2.0 over <see cref="MessageFraming"/>. Messages are handled one at a time in arrival order, so a
/// <c>didChange</c> is always applied before the completion request that follows it. A handler's
/// <see cref="LspException"/> becomes an error response; any other exception becomes an internal error response
/// (the server keeps running).
/// </summary>
internal sealed class JsonRpcConnection(MessageFraming framing, IMessageHandler handler)
{
    private readonly MessageFraming _framing = framing;
    private readonly IMessageHandler _handler = handler;
    private volatile bool _stopped;

    /// <summary>Ends the read loop after the current message (LSP <c>exit</c>).</summary>
    public void Stop() => _stopped = true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!_stopped && !cancellationToken.IsCancellationRequested)
        {
            string? text;
            try
            {
                text = await _framing.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException exception)
            {
                await SendErrorAsync(null, LspException.ParseError, exception.Message, cancellationToken).ConfigureAwait(false);
                return; // the stream cannot be resynchronized
            }

            if (text is null) return;
            await DispatchAsync(text, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task NotifyAsync(string method, JsonNode? parameters, CancellationToken cancellationToken) =>
        _framing.WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters }, cancellationToken);

    private async Task DispatchAsync(string text, CancellationToken cancellationToken)
    {
        JsonObject message;
        try
        {
            message = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException exception)
        {
            await SendErrorAsync(null, LspException.ParseError, "Invalid JSON: " + exception.Message, cancellationToken).ConfigureAwait(false);
            return;
        }

        var id = message["id"]?.DeepClone();
        var method = message["method"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : null;
        if (method is null) return; // a response to a request the server sent: nothing waits for it
        var parameters = message["params"];
        if (id is null)
        {
            try
            {
                await _handler.HandleNotificationAsync(method, parameters, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await _handler.LogAsync($"{method} failed: {exception.GetType().Name}: {exception.Message}", cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        JsonNode? result;
        try
        {
            result = await _handler.HandleRequestAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (LspException exception)
        {
            await SendErrorAsync(id, exception.Code, exception.Message, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await SendErrorAsync(id, LspException.InternalError, $"{method} failed: {exception.GetType().Name}: {exception.Message}", cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        await _framing.WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result }, cancellationToken).ConfigureAwait(false);
    }

    private Task SendErrorAsync(JsonNode? id, int code, string message, CancellationToken cancellationToken) =>
        _framing.WriteAsync(new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
        }, cancellationToken);
}

/// <summary>What a <see cref="JsonRpcConnection"/> calls for each incoming message.</summary>
internal interface IMessageHandler
{
    Task<JsonNode?> HandleRequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken);

    Task HandleNotificationAsync(string method, JsonNode? parameters, CancellationToken cancellationToken);

    Task LogAsync(string message, CancellationToken cancellationToken);
}
