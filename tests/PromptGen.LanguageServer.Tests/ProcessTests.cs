using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace PromptGen.LanguageServer.Tests;

/// <summary>The real <c>promptgen lsp</c> process, driven over its standard input and output.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task PromptgenLspServesOverStdioAndExitsCleanly()
    {
        using var project = new TestProject();
        var path = project.Write("Prompts/Greet.prompt", Fixtures.Greet);
        project.Write("Prompts/_signature.prompt", Fixtures.Signature);
        var evalPath = project.Write("Prompts/Greet.eval.yaml", Fixtures.Eval);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The CLI's own deps.json (net8.0) names package assemblies the net10.0 test folder gets from the shared
        // framework instead, so run it with the test assembly's dependency and runtime files.
        var folder = AppContext.BaseDirectory;
        foreach (var argument in new[]
        {
            "exec", "--depsfile", Path.Combine(folder, "PromptGen.LanguageServer.Tests.deps.json"),
            "--runtimeconfig", Path.Combine(folder, "PromptGen.LanguageServer.Tests.runtimeconfig.json"),
            Path.Combine(folder, "PromptGen.Cli.dll"), "lsp", "--stdio",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var client = new LspClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
        try
        {
            await client.InitializeAsync(new Uri(project.Root).AbsoluteUri);
            var uri = new Uri(path).AbsoluteUri;
            var broken = Fixtures.Greet.Replace("{{customer.name}}", "{{customer.nme}}");
            await client.OpenAsync(uri, broken);
            var diagnostics = await client.DiagnosticsAsync(uri, d => d.Count > 0);
            var pg0203 = Assert.Single(diagnostics, d => d!["code"]!.GetValue<string>() == "PG0203")!;
            Assert.Equal(17, pg0203["range"]!["start"]!["line"]!.GetValue<int>());
            Assert.Equal(23, pg0203["range"]!["start"]!["character"]!.GetValue<int>()); // after "Héllo 日本 🎉 {{customer."

            var completion = await client.CallAsync("textDocument/completion", LspClient.At(uri, 17, 23));
            Assert.Contains(completion!["items"]!.AsArray(), i => i!["label"]!.GetValue<string>() == "name");

            var count = client.DiagnosticsCount(uri);
            await client.ChangeAsync(uri, Fixtures.Greet, 2);
            Assert.Empty(await client.DiagnosticsAsync(uri, d => true, after: count));

            // "Run this case" goes through the tool's own eval verb: this project was never built, which it says.
            var run = await client.CallAsync("workspace/executeCommand", new System.Text.Json.Nodes.JsonObject
            {
                ["command"] = "promptgen.runCase",
                ["arguments"] = new System.Text.Json.Nodes.JsonArray(new Uri(evalPath).AbsoluteUri, "first"),
            });
            Assert.False(run!["passed"]!.GetValue<bool>());
            Assert.Contains("no built assembly found", run["output"]!.GetValue<string>());

            Assert.Null(await client.CallAsync("shutdown", null));
            await client.NotifyAsync("exit", null);
            var exited = process.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(60))) != exited)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("promptgen lsp did not exit after shutdown and exit.");
            }

            Assert.Equal(0, process.ExitCode);
            Assert.Equal(string.Empty, (await stderr).Trim());
        }
        catch (TimeoutException exception)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exception.Message}\npromptgen lsp wrote to stderr:\n{await stderr}", exception);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await client.DisposeAsync();
        }
    }
}
