using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipes;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace PromptGen.LanguageServer.Tests;

/// <summary>
/// A minimal LSP client: frames JSON-RPC messages, matches responses to requests, and keeps every
/// <c>publishDiagnostics</c> per URI. Talks to the server in-process over two anonymous pipes, or to a process's stdio.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly Stream _toServer;
    private readonly Stream _fromServer;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly Dictionary<string, List<JsonArray>> _diagnostics = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _diagnosticsArrived = new(0);
    private readonly Task _reader;
    private int _nextId;

    public LspClient(Stream toServer, Stream fromServer)
    {
        _toServer = toServer;
        _fromServer = fromServer;
        _reader = Task.Run(ReadLoopAsync);
    }

    public Task<int>? ServerRun { get; private set; }

    /// <summary>Starts a <see cref="PromptLanguageServer"/> in this process, connected over two pipes.</summary>
    public static LspClient InProcess(LanguageServerOptions? options = null)
    {
        var clientToServer = new AnonymousPipeServerStream(PipeDirection.Out);
        var serverIn = new AnonymousPipeClientStream(PipeDirection.In, clientToServer.ClientSafePipeHandle);
        var serverToClient = new AnonymousPipeServerStream(PipeDirection.Out);
        var clientIn = new AnonymousPipeClientStream(PipeDirection.In, serverToClient.ClientSafePipeHandle);
        var server = new PromptLanguageServer(serverIn, serverToClient, options ?? new LanguageServerOptions { DiagnosticsDelay = TimeSpan.Zero });
        var client = new LspClient(clientToServer, clientIn);
        client.ServerRun = Task.Run(async () =>
        {
            var code = await server.RunAsync();
            serverToClient.Dispose(); // like a process exiting: the client sees the end of the stream
            return code;
        });
        return client;
    }

    public async Task<JsonObject> InitializeAsync(string rootUri)
    {
        var result = await RequestAsync("initialize", new JsonObject { ["processId"] = null, ["rootUri"] = rootUri, ["capabilities"] = new JsonObject() });
        await NotifyAsync("initialized", new JsonObject());
        return result["result"]!.AsObject();
    }

    public async Task<JsonObject> RequestAsync(string method, JsonNode? parameters)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        return await completion.Task.WaitAsync(s_timeout);
    }

    /// <summary>The result of a request that must succeed.</summary>
    public async Task<JsonNode?> CallAsync(string method, JsonNode? parameters)
    {
        var response = await RequestAsync(method, parameters);
        if (response["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
        return response["result"];
    }

    public Task NotifyAsync(string method, JsonNode? parameters) =>
        WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    public Task OpenAsync(string uri, string text, int version = 1) => NotifyAsync("textDocument/didOpen", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "promptgen", ["version"] = version, ["text"] = text },
    });

    public Task ChangeAsync(string uri, string text, int version) => NotifyAsync("textDocument/didChange", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
    });

    /// <summary>Waits for the next diagnostics published for <paramref name="uri"/> that satisfy <paramref name="accept"/>.</summary>
    public async Task<JsonArray> DiagnosticsAsync(string uri, Func<JsonArray, bool>? accept = null, int after = 0)
    {
        var deadline = DateTime.UtcNow + s_timeout;
        while (true)
        {
            lock (_diagnostics)
            {
                if (_diagnostics.TryGetValue(uri, out var list))
                {
                    for (var i = after; i < list.Count; i++)
                    {
                        if (accept is null || accept(list[i])) return list[i];
                    }
                }
            }

            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No matching diagnostics for {uri}.");
            await _diagnosticsArrived.WaitAsync(TimeSpan.FromSeconds(1));
        }
    }

    public int DiagnosticsCount(string uri)
    {
        lock (_diagnostics) return _diagnostics.TryGetValue(uri, out var list) ? list.Count : 0;
    }

    public static JsonObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    public static JsonObject At(string uri, int line, int character) => new()
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
        ["position"] = Position(line, character),
    };

    public async ValueTask DisposeAsync()
    {
        _toServer.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is TimeoutException or IOException or ObjectDisposedException)
        {
        }

        _fromServer.Dispose();
    }

    private async Task WriteAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _toServer.WriteAsync(header);
        await _toServer.WriteAsync(body);
        await _toServer.FlushAsync();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var length = -1;
                var line = new StringBuilder();
                var one = new byte[1];
                while (true)
                {
                    if (await _fromServer.ReadAsync(one) == 0) return;
                    if (one[0] == '\n')
                    {
                        var text = line.ToString().TrimEnd('\r');
                        line.Clear();
                        if (text.Length == 0 && length >= 0) break;
                        if (text.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(text.Substring(15).Trim());
                        continue;
                    }

                    line.Append((char)one[0]);
                }

                var buffer = new byte[length];
                var read = 0;
                while (read < length)
                {
                    var n = await _fromServer.ReadAsync(buffer.AsMemory(read));
                    if (n == 0) return;
                    read += n;
                }

                var message = JsonNode.Parse(buffer)!.AsObject();
                if (message["method"]?.GetValue<string>() == "textDocument/publishDiagnostics")
                {
                    var uri = message["params"]!["uri"]!.GetValue<string>();
                    lock (_diagnostics)
                    {
                        if (!_diagnostics.TryGetValue(uri, out var list)) _diagnostics[uri] = list = new List<JsonArray>();
                        list.Add(message["params"]!["diagnostics"]!.AsArray());
                    }

                    _diagnosticsArrived.Release();
                }
                else if (message["id"] is { } id && message["method"] is null && _pending.TryRemove(id.GetValue<int>(), out var completion))
                {
                    completion.SetResult(message);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
        }
    }
}
