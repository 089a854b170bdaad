using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using PromptGen.Evals.Tests.Providers;
using TriageApi;

namespace PromptGen.TriageApi.Tests;

/// <summary>
/// capture → import → eval: the TriageApi sample serves triage requests against a local OpenAI-compatible server (its
/// answers are hand-written), captures them to a file, and the captured calls become eval cases that pass in replay.
/// </summary>
[Collection(SampleHost.Collection)]
public sealed class ProductionLoopTests : IDisposable
{
    private const string ApiKey = "sk-triageapi-test-0123456789abcdef";
    private readonly string _work = Path.Combine(Path.GetTempPath(), "promptgen-triageapi-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Captured_calls_become_cases_that_pass_in_replay_and_a_second_import_adds_nothing()
    {
        var capturePath = Path.Combine(_work, "captures", "triage.jsonl");
        await using var model = FakeOpenAIServer.Start(request =>
            request.Body.Contains("charged twice", StringComparison.Ordinal)
                ? FakeOpenAIServer.Chat("""{"category":"billing","priority":"high","summary":"Customer was charged twice.","confidence":0.93}""", model: "fake-gpt")
                : FakeOpenAIServer.Chat("```json\n{\"category\": \"Bug\", \"priority\": \"urgent\", \"summary\": \"App crashes on PDF export.\", \"confidence\": 0.8}\n```", model: "fake-gpt"));

        string billingCallId;
        await using (var app = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.ConfigureAppConfiguration((_, config) =>
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Model:Endpoint"] = model.Endpoint,
                ["Model:Name"] = "fake-gpt",
                ["Model:ApiKey"] = ApiKey,
                ["Capture:Path"] = capturePath,
            }))))
        {
            var http = app.CreateClient();
            var billing = await PostTriage(http, "Hi, I was charged twice for order 1182. My API key is " + ApiKey + ", please check.", "email");
            Assert.Equal("billing", billing.Category);
            var crash = await PostTriage(http, "The desktop app crashes on PDF export since 4.2.1", "chat");
            Assert.Equal("bug", crash.Category);
            Assert.True(crash.Repairs > 0);
            var feedback = await http.PostAsJsonAsync("/feedback", new FeedbackRequest(crash.CallId, 0, "Should be urgent AND mention the version"));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, feedback.StatusCode);
            billingCallId = billing.CallId;
        } // stopping the host disposes the capture: every queued record is written

        var captured = File.ReadAllText(capturePath);
        Assert.DoesNotContain(ApiKey, captured, StringComparison.Ordinal);
        Assert.Equal(3, captured.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(billingCallId, captured, StringComparison.Ordinal);

        // The prompts project as a user has it: the TicketTriage sample's prompts and eval files.
        var project = CopyTicketTriagePrompts();
        var evalFile = Path.Combine(project, "Prompts", "ClassifyTicket.eval.yaml");
        var import = await Promptgen.RunAsync("cases", "import", capturePath, "--prompt", "ClassifyTicket", "--project", project);
        Assert.True(import.ExitCode == 0, import.Output);
        Assert.Contains("Imported 2 case(s)", import.Output, StringComparison.Ordinal);
        var evalText = File.ReadAllText(evalFile);
        // The call a user rated bad is imported first.
        var negative = evalText.IndexOf("captured-" + NegativeCallStem(captured), StringComparison.Ordinal);
        Assert.True(negative > 0 && negative < evalText.IndexOf("captured-" + billingCallId.Substring(0, 8), StringComparison.Ordinal), evalText);

        var eval = await Promptgen.RunAsync("eval", evalFile, "--project-dir", project, "--assembly", TicketTriageAssembly(), "--mode", "replay", "--no-progress");
        Assert.True(eval.ExitCode == 0, eval.Output);
        Assert.Contains("captured-", eval.Output + File.ReadAllText(evalFile), StringComparison.Ordinal);

        var again = await Promptgen.RunAsync("cases", "import", capturePath, "--prompt", "ClassifyTicket", "--project", project);
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("Imported 0 case(s)", again.Output, StringComparison.Ordinal);
        Assert.Equal(evalText, File.ReadAllText(evalFile));
    }

    private static async Task<TriageResponse> PostTriage(System.Net.Http.HttpClient http, string ticket, string channel)
    {
        var response = await http.PostAsJsonAsync("/triage", new TriageRequest(ticket, channel));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TriageResponse>())!;
    }

    /// <summary>The case id stem of the call that got negative feedback (imported first).</summary>
    private static string NegativeCallStem(string captured)
    {
        var feedback = captured.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(r => r.GetProperty("type").GetString() == "feedback");
        return feedback.GetProperty("callId").GetString()!.Substring(0, 8);
    }

    private string CopyTicketTriagePrompts()
    {
        var project = Path.Combine(_work, "TicketTriage");
        Directory.CreateDirectory(Path.Combine(project, "Prompts"));
        File.WriteAllText(Path.Combine(project, "TicketTriage.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        foreach (var file in Directory.GetFiles(Path.Combine(SampleDirectory(), "Prompts")))
            File.Copy(file, Path.Combine(project, "Prompts", Path.GetFileName(file)));
        return project;
    }

    private static string SampleDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "samples", "TicketTriage"));

    private static string TicketTriageAssembly() => Path.Combine(AppContext.BaseDirectory, "TicketTriage.dll");
}
