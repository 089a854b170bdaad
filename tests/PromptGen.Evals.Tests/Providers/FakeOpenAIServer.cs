using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PromptGen.Evals.Tests.Providers;

/// <summary>A request the fake server received.</summary>
internal sealed record ReceivedRequest(int Index, string Method, string Path, string? Authorization, string Body);

/// <summary>What the fake server answers.</summary>
internal sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

/// <summary>
/// An OpenAI-compatible HTTP server on 127.0.0.1 (random free port) serving /v1/chat/completions and /v1/embeddings from a
/// script. It answers at most <c>maxRequests</c> requests (then 503) and stops itself after <c>lifetime</c>.
/// </summary>
internal sealed class FakeOpenAIServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<ReceivedRequest, ScriptedResponse> _handler;
    private readonly int _maxRequests;
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private int _count;
    // Routes other than chat completions and embeddings go to the handler too (the batch API's files and batches).
    private bool _allPaths;
    private int _inFlight;
    private int _maxInFlight;

    private FakeOpenAIServer(HttpListener listener, int port, Func<ReceivedRequest, ScriptedResponse> handler, int maxRequests, TimeSpan lifetime)
    {
        _listener = listener;
        Port = port;
        _handler = handler;
        _maxRequests = maxRequests;
        _stop = new CancellationTokenSource(lifetime);
        _stop.Token.Register(() =>
        {
            try { _listener.Stop(); } catch (ObjectDisposedException) { }
        });
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>The base URL clients use (OpenAI SDK appends chat/completions).</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}/v1";

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public int RequestCount => Volatile.Read(ref _count);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static FakeOpenAIServer Start(Func<ReceivedRequest, ScriptedResponse> handler, int maxRequests = 50, TimeSpan? lifetime = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeOpenAIServer(listener, port, handler, maxRequests, lifetime ?? TimeSpan.FromSeconds(60));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Abort();
            }
        }
    }

    /// <summary>Like <see cref="Start"/>, with every path going to <paramref name="handler"/> (the batch API's routes too).</summary>
    public static FakeOpenAIServer StartAllPaths(Func<ReceivedRequest, ScriptedResponse> handler, int maxRequests = 50, TimeSpan? lifetime = null)
    {
        var server = Start(handler, maxRequests, lifetime);
        server._allPaths = true;
        return server;
    }

    /// <summary>Answers every request with the same response.</summary>
    public static FakeOpenAIServer Always(ScriptedResponse response) => Start(_ => response);

    /// <summary>Answers the requests in order from <paramref name="script"/>, repeating the last one.</summary>
    public static FakeOpenAIServer Sequence(params ScriptedResponse[] script) =>
        Start(request => script[Math.Min(request.Index, script.Length - 1)]);

    public static ScriptedResponse Chat(string text, int promptTokens = 10, int completionTokens = 5, string model = "test-model") =>
        new(200, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1700000000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }));

    /// <summary>An assistant turn that only calls tools (<c>finish_reason: tool_calls</c>); arguments are JSON text.</summary>
    public static ScriptedResponse ToolCalls(params (string Id, string Name, string ArgumentsJson)[] calls) =>
        new(200, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1700000000,
            model = "test-model",
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new
                    {
                        role = "assistant",
                        content = (string?)null,
                        tool_calls = calls.Select(c => new { id = c.Id, type = "function", function = new { name = c.Name, arguments = c.ArgumentsJson } }).ToArray(),
                    },
                    finish_reason = "tool_calls",
                },
            },
            usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
        }));

    /// <summary>The <c>tool</c> messages of a chat request: each result's call id and content, in order.</summary>
    public static IReadOnlyList<(string CallId, string Content)> ToolResults(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "tool")
            .Select(m => (m.GetProperty("tool_call_id").GetString() ?? string.Empty, ContentText(m.GetProperty("content"))))
            .ToList();
    }

    private static string ContentText(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString() ?? string.Empty
        : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var text) ? text.GetString() : string.Empty));

    public static ScriptedResponse Embeddings(params float[][] vectors) =>
        new(200, JsonSerializer.Serialize(new
        {
            @object = "list",
            data = vectors.Select((v, i) => new { @object = "embedding", index = i, embedding = v }).ToArray(),
            model = "test-embedding",
            usage = new { prompt_tokens = 3, total_tokens = 3 },
        }));

    public static ScriptedResponse Error(int status, string? retryAfter = null)
    {
        var headers = retryAfter is null ? null : new Dictionary<string, string> { ["Retry-After"] = retryAfter };
        return new ScriptedResponse(status, "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}", headers);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }
        // Abort, not Close: on Linux, Close after Stop binds the port again to unregister it, and fails with "Address
        // already in use" when another test has taken the freed port in between.
        _listener.Abort();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int observed;
        while (inFlight > (observed = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, observed) != observed)
        {
        }
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var index = Interlocked.Increment(ref _count) - 1;
            var request = new ReceivedRequest(index, context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                context.Request.Headers["Authorization"], body);
            Requests.Enqueue(request);
            var response = index >= _maxRequests
                ? new ScriptedResponse(503, "{\"error\":{\"message\":\"fake server request limit\"}}")
                : _allPaths || request.Path is "/v1/chat/completions" or "/v1/embeddings"
                    ? Answer(request)
                    : new ScriptedResponse(404, "{\"error\":{\"message\":\"not found\"}}");
            if (response.Delay > TimeSpan.Zero)
                await Task.Delay(response.Delay, _stop.Token).ConfigureAwait(false);
            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            foreach (var header in response.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[header.Key] = header.Value;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client gave up (timeout test) or the server is stopping.
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// The script's answer; a script that throws answers 500 with its exception, so a broken test fails at once with
    /// the reason instead of leaving the client waiting for a response that never comes.
    /// </summary>
    private ScriptedResponse Answer(ReceivedRequest request)
    {
        try
        {
            return _handler(request);
        }
        catch (Exception ex)
        {
            return new ScriptedResponse(500, JsonSerializer.Serialize(new { error = new { message = "fake server script failed: " + ex, type = "server_error" } }));
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
