using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace PromptGen.Evals.Tests.Sharing;

/// <summary>
/// A throwaway <c>redis-server</c> on a free 127.0.0.1 port, no persistence, killed on dispose. The binary comes from
/// <c>eng/redis.sh</c> (found, or installed from Debian's package when apt-get can be used).
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private static readonly Lazy<string?> s_path = new(Find);
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public static string? Path => s_path.Value;

    public static string SkipReason =>
        "redis-server is not available: eng/redis.sh found none and could not install Debian's package (it needs apt-get as root or passwordless sudo).";

    public int Port { get; }

    public string Url => $"redis://127.0.0.1:{Port}";

    public static RedisServer Start()
    {
        // The free port can be taken by another test before redis-server binds it; redis-server then exits, and a new
        // port is tried.
        for (var attempt = 0; ; attempt++)
        {
            var server = TryStart(FreePort());
            if (server is not null) return server;
            if (attempt == 4) throw new InvalidOperationException("redis-server exited at start on five free ports in a row.");
        }
    }

    private static RedisServer? TryStart(int port)
    {
        var start = new ProcessStartInfo(Path!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        // Ready when it accepts a connection; bounded, so a server that never starts fails the test instead of hanging it.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (!process.HasExited)
            {
                Thread.Sleep(50);
            }
            catch (SocketException)
            {
                server.Dispose();
                return null;
            }
        }
        server.Dispose();
        throw new InvalidOperationException($"redis-server did not start on port {port}.");
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private static string? Find() => EngScript.FindTool("eng/redis.sh");
}

/// <summary>A fact that needs redis-server; skipped, with the reason, when eng/redis.sh cannot provide it.</summary>
internal sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Path is null) Skip = RedisServer.SkipReason;
    }
}
