using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PromptGen.EndToEnd.Tests.Infrastructure;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.EndToEnd.Tests;

/// <summary>
/// The eval gate end to end with the packed packages: a throwaway library with a prompt and an eval file, a local fake
/// OpenAI-compatible server, recordings made with correct and then wrong answers, and <c>dotnet test</c> (VSTest mode)
/// passing offline in replay, then failing with PG1001/PG1002 at the eval file's lines, PG1003 without recordings and
/// PG1004 (never PG1002) when the provider answers 500.
/// </summary>
[Collection(PackedPackagesCollection.Name)]
public sealed class EvalGateTests(PackedPackages packages)
{
    /// <summary>Case <c>refund</c> (critical) has its id on line 3, case <c>crash</c> on line 8.</summary>
    private const string ClassifyEval = """
        gate: { min-pass-rate: 0 }
        cases:
          - id: refund
            critical: true
            input: { ticket: "Please refund my order" }
            assert:
              - { path: category, equals: billing }
          - id: crash
            input: { ticket: "The app crashes on start" }
            assert:
              - { path: category, equals: technical }
        """;

    [EndToEndFact]
    public async Task Record_baseline_replay_offline_then_regressions_missing_recordings_and_provider_errors_fail_dotnet_test()
    {
        var project = ConsumerProject.Create(packages, "evalgate", EvalProjects.Library(packages.Version), new Dictionary<string, string>
        {
            ["Prompts/Classify.prompt"] = EvalProjects.ClassifyPrompt,
            ["Prompts/Classify.eval.yaml"] = ClassifyEval,
        });
        var recordings = Path.Combine(project.Directory, "Prompts", "Classify.eval.recordings.json");
        var baseline = Path.Combine(project.Directory, "Prompts", "Classify.eval.baseline.json");
        var restore = await project.BuildAsync(restore: true);
        Assert.True(restore.ExitCode == 0, restore.ToString());

        // 1. Record with correct answers and write the baseline.
        var answerWrongly = false;
        await using (var server = FakeOpenAIServer.Start(
            request => FakeOpenAIServer.Chat(Answer(request.Body, answerWrongly)), maxRequests: 20, lifetime: TimeSpan.FromMinutes(4)))
        {
            var record = await RunAsync(project, Online(server.Endpoint), "build", "-t:PromptEval", "-p:PromptGenEvalMode=record", "-p:PromptGenUpdateBaseline=true");
            Assert.True(record.ExitCode == 0, record.ToString());
            Assert.Equal(2, server.RequestCount);
        }

        Assert.True(File.Exists(recordings), "no recordings were written");
        Assert.True(File.Exists(baseline), "no baseline was written");

        // 2. dotnet test replays offline (CI=true, no endpoint) and passes; unchanged inputs skip the second run.
        var replay = await RunAsync(project, Offline(), "test");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains("Classify.eval.yaml: gate passed; 2 of 2 judged cases passed", replay.Output);
        var again = await RunAsync(project, Offline(), "test");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("gate passed", again.Output);

        // 3. The model now answers wrongly: re-record (without touching the baseline) and dotnet test fails at the cases' lines.
        answerWrongly = true;
        ProcessResult rerecord;
        await using (var server = FakeOpenAIServer.Start(
            request => FakeOpenAIServer.Chat(Answer(request.Body, answerWrongly)), maxRequests: 20, lifetime: TimeSpan.FromMinutes(4)))
        {
            rerecord = await RunAsync(project, Online(server.Endpoint), "build", "-t:PromptEval", "-p:PromptGenEvalMode=record");
            Assert.True(rerecord.ExitCode != 0, rerecord.ToString());
            Assert.Equal(2, server.RequestCount);
        }

        var regressed = await RunAsync(project, Offline(), "test");
        Assert.True(regressed.ExitCode != 0, regressed + "\n(after)\n" + rerecord);
        Assert.Matches(new Regex(@"Classify\.eval\.yaml\(3,\d+\): error PG1001: Critical case 'refund' failed"), regressed.Output);
        Assert.Matches(new Regex(@"Classify\.eval\.yaml\(8,\d+\): error PG1002: .*crash"), regressed.Output);

        // 4. Without recordings, replay is PG1003.
        File.Delete(recordings);
        var missing = await RunAsync(project, Offline(), "test");
        Assert.True(missing.ExitCode != 0, missing.ToString());
        Assert.Matches(new Regex(@"Classify\.eval\.yaml\(3,\d+\): error PG1003"), missing.Output);
        Assert.DoesNotContain("error PG1002", missing.Output);

        // 5. A provider that answers 500 is an infrastructure error, PG1004, never a regression.
        await using (var failing = FakeOpenAIServer.Always(FakeOpenAIServer.Error(500)))
        {
            var environment = Online(failing.Endpoint);
            environment["PROMPTGEN_EVAL_MAX_RETRIES"] = "0";
            var outage = await RunAsync(project, environment, "test", "-p:PromptGenEvalMode=live");
            Assert.True(outage.ExitCode != 0, outage.ToString());
            Assert.Matches(new Regex(@"Classify\.eval\.yaml\(3,\d+\): error PG1004"), outage.Output);
            Assert.Matches(new Regex(@"Classify\.eval\.yaml\(8,\d+\): error PG1004"), outage.Output);
            Assert.DoesNotContain("error PG1002", outage.Output);
            Assert.DoesNotContain("error PG1001", outage.Output);
        }

        // The API key never reaches the build log.
        Assert.DoesNotContain("sk-e2e-secret", regressed.Output);
    }

    private static string Answer(string requestBody, bool wrongly)
    {
        var billing = requestBody.Contains("refund", StringComparison.OrdinalIgnoreCase);
        if (wrongly) billing = !billing;
        return billing ? "{\"category\": \"billing\"}" : "{\"category\": \"technical\"}";
    }

    private static Dictionary<string, string?> Online(string endpoint) => EvalProjects.Online(endpoint);

    private static Dictionary<string, string?> Offline() => EvalProjects.Offline();

    private static Task<ProcessResult> RunAsync(ConsumerProject project, IReadOnlyDictionary<string, string?> environment, string verb, params string[] arguments) =>
        EvalProjects.RunAsync(project, environment, verb, arguments);
}
