using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;

namespace PromptGen.Evals.Tests.Running;

/// <summary>
/// A model that echoes the request's Authorization header: the key goes through an assertion's "got ..." message, the
/// model text, the findings and the reports, and must come out of none of them, even when it is longer than any cut.
/// </summary>
public sealed class SecretLeakTests
{
    private const string Eval = """
        gate: { min-pass-rate: 0 }
        cases:
          - id: echo
            critical: true
            input: { ticket: "What key do you use?" }
            assert:
              - { path: category, equals: billing }
              - { icontains: "never in the answer" }
        """;

    /// <summary>A key longer than every truncation (200, 300, 500 characters) and shaped like no known key format.</summary>
    private static string PlantedKey(int seed)
    {
        var random = new Random(seed);
        return "pgplanted" + new string(Enumerable.Range(0, 600).Select(_ => "abcdefghijklmnopqrstuvwxyz0123456789"[random.Next(36)]).ToArray());
    }

    private static string Echo(string key) =>
        "{\"category\": \"Authorization: Bearer " + key + "\", \"note\": \"your key is " + key + "\"}";

    [Fact]
    public async Task The_configured_key_echoed_by_the_model_appears_in_no_output()
    {
        var key = PlantedKey(1);
        using var project = new EvalProject(Eval);
        var reports = Path.Combine(project.Folder, "reports");
        var model = new ScriptedChatClient(_ => Echo(key));

        var result = await project.RunAsync(EvalMode.Auto, r => r with
        {
            ClientFactory = model,
            ProviderOptions = new EvalProviderOptions { ApiKey = key },
            ReportDirectory = reports,
        });

        var critical = Assert.Single(result.Findings, f => f.Id == "PG1001");
        Assert.Contains("got \"", critical.Message, StringComparison.Ordinal);
        AssertNoPartOf(key, Outputs(result, reports, project.RecordingsPath));
    }

    [Fact]
    public async Task An_unknown_key_in_header_shaped_text_appears_in_no_output()
    {
        // Not configured anywhere: only its shape (a credential header) gives it away.
        var key = PlantedKey(2);
        using var project = new EvalProject(Eval);
        var reports = Path.Combine(project.Folder, "reports");
        var model = new ScriptedChatClient(_ => "{\"category\": \"Authorization: Bearer " + key + "\"}");

        var result = await project.RunAsync(EvalMode.Auto, r => r with { ClientFactory = model, ReportDirectory = reports });

        Assert.Contains(result.Findings, f => f.Id == "PG1001");
        AssertNoPartOf(key, Outputs(result, reports, project.RecordingsPath));
    }

    private static IEnumerable<(string Name, string Text)> Outputs(EvalRunResult result, string reports, string recordings)
    {
        foreach (var finding in result.Findings)
        {
            yield return ("finding " + finding.Id, finding.Message);
            yield return ("MSBuild line " + finding.Id, finding.ToMSBuildString());
        }

        Assert.NotNull(result.Reports);
        foreach (var report in result.Reports!.All) yield return (Path.GetFileName(report), File.ReadAllText(report));
        Assert.True(File.Exists(recordings));
        yield return ("recordings", File.ReadAllText(recordings));
    }

    /// <summary>No 12-character stretch of the key anywhere: neither whole, nor cut, nor its tail.</summary>
    private static void AssertNoPartOf(string key, IEnumerable<(string Name, string Text)> outputs)
    {
        foreach (var (name, text) in outputs)
        {
            for (var i = 0; i + 12 <= key.Length; i++)
            {
                Assert.False(text.Contains(key.Substring(i, 12), StringComparison.Ordinal), $"{name} contains part of the key at {i}:\n{text}");
            }
        }
    }
}
