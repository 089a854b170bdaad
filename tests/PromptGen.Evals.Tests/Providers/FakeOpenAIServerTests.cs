using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Xunit;

namespace PromptGen.Evals.Tests.Providers;

public sealed class FakeOpenAIServerTests
{
    [Fact]
    public async Task Disposing_a_stopped_server_does_not_need_its_port_back()
    {
        var server = FakeOpenAIServer.Start(_ => FakeOpenAIServer.Chat("hi"), lifetime: TimeSpan.FromMilliseconds(50));
        var port = server.Port;

        // The lifetime stops the listener and frees the port; another test may bind it before this one disposes.
        TcpListener? squatter = null;
        for (var attempt = 0; squatter is null; attempt++)
        {
            await Task.Delay(50);
            try
            {
                squatter = new TcpListener(IPAddress.Loopback, port);
                squatter.Start();
            }
            catch (SocketException) when (attempt < 100)
            {
                squatter = null;
            }
        }

        try
        {
            await server.DisposeAsync();
        }
        finally
        {
            squatter.Stop();
        }
    }
}
