using System;
using System.Threading.Tasks;

namespace PromptGen.LanguageServer.Tests;

/// <summary>A project with the fixture prompt, partial and eval file, and an initialized in-process server.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    private ServerFixture(TestProject project, LspClient client)
    {
        Project = project;
        Client = client;
    }

    public TestProject Project { get; }

    public LspClient Client { get; }

    public string PromptUri => Project.UriOf("Prompts/Greet.prompt");

    public static async Task<ServerFixture> StartAsync(string? greet = null, LanguageServerOptions? options = null)
    {
        var project = new TestProject();
        project.Write("Prompts/Greet.prompt", greet ?? Fixtures.Greet);
        project.Write("Prompts/_signature.prompt", Fixtures.Signature);
        project.Write("Prompts/Greet.eval.yaml", Fixtures.Eval);
        var client = LspClient.InProcess(options);
        await client.InitializeAsync(new Uri(project.Root).AbsoluteUri);
        return new ServerFixture(project, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.CallAsync("shutdown", null);
        await Client.NotifyAsync("exit", null);
        if (Client.ServerRun is { } run) await run.WaitAsync(TimeSpan.FromSeconds(30));
        await Client.DisposeAsync();
        Project.Dispose();
    }
}
