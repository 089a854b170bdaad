using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using PromptGen.Evals.Baselines;
using PromptGen.Evals.Gate;
using PromptGen.Evals.Reports;
using PromptGen.Evals.Results;
using PromptGen.Security;
using static PromptGen.Evals.Tests.TestData;

namespace PromptGen.Evals.Tests.Reports;

public sealed class ReportTests : IDisposable
{
    private const string Malicious = "<script>alert('x')</script> & \"quotes\" | pipe \u0001";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pg-reports-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static EvalRun Run(string? modelText = null)
    {
        var evil = Case("evil", "F", line: 30) is var c
            ? c with { Trials = c.Trials.Select(t => t with { ModelText = modelText ?? Malicious, Repairs = new[] { "closed a truncated string" }, RenderedMessagesJson = "[{\"role\":\"user\",\"content\":[{\"text\":\"Ticket: I was charged twice\"}]}]" }).ToArray() }
            : null!;
        var suite = Suite(Case("double-charge", "PP", line: 10), Case("outage", "E", line: 20), evil, Case("flaky", "PF", passed: true, line: 40, passWhen: "majority"));
        var baseline = Baseline(("double-charge", 2, 2, true), ("evil", 1, 1, true), ("gone", 1, 1, true));
        var gated = GateEvaluator.Evaluate(suite, baseline, new GateSettings { MinPassRate = 0.5, Line = 50 });
        return new EvalRun { Mode = "replay", Suites = new[] { new EvalRunSuite(gated, baseline, "gpt-test") } };
    }

    [Fact]
    public void JUnit_has_one_testcase_per_case_with_failures_and_errors()
    {
        var xml = XDocument.Parse(JUnitReportWriter.Render(Run()));
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal("Prompts/TriageTicket.eval.yaml [gpt-test]", suite.Attribute("name")!.Value);
        var cases = suite.Elements("testcase").ToDictionary(e => e.Attribute("name")!.Value);
        Assert.Equal(new[] { "double-charge", "outage", "evil", "flaky", "gone", "(gate)" }, cases.Keys.ToArray());
        Assert.Null(cases["double-charge"].Element("failure"));
        Assert.Equal("PG1004", cases["outage"].Element("error")!.Attribute("type")!.Value);
        var failure = cases["evil"].Element("failure")!;
        Assert.Equal("REGRESSED", failure.Attribute("type")!.Value);
        Assert.Contains("expected billing, got shipping", failure.Attribute("message")!.Value);
        Assert.Equal("30", cases["evil"].Attribute("line")!.Value);
        Assert.NotNull(cases["gone"].Element("skipped"));
        Assert.Equal("Prompts.TriageTicket.eval.gpt-test", cases["evil"].Attribute("classname")!.Value);
        Assert.Equal("6", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("errors")!.Value);
        Assert.Equal("2", suite.Attribute("failures")!.Value); // evil + the (gate) testcase carrying the suite-level PG1002
    }

    [Fact]
    public void JUnit_survives_control_characters_and_markup_in_model_text()
    {
        var text = JUnitReportWriter.Render(Run("bad \u0001\u001f \uD800 <b>&"));
        var xml = XDocument.Parse(text); // would throw on an invalid character
        Assert.DoesNotContain("<b>", text);
        Assert.NotNull(xml.Root);
    }

    [Fact]
    public void Json_run_file_has_everything()
    {
        using var doc = JsonDocument.Parse(JsonRunReportWriter.Render(Run()));
        var suite = doc.RootElement.GetProperty("suites")[0];
        Assert.Equal("replay", doc.RootElement.GetProperty("mode").GetString());
        Assert.Equal("gpt-test", suite.GetProperty("target").GetString());
        var gate = suite.GetProperty("gate");
        Assert.Equal("REGRESSED", gate.GetProperty("verdict").GetString());
        Assert.Equal(5, gate.GetProperty("smallestDetectableDrop").GetProperty("cases").GetInt32());
        Assert.Contains(gate.GetProperty("findings").EnumerateArray(), f => f.GetProperty("id").GetString() == "PG1002");
        var evil = suite.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "evil");
        var trial = evil.GetProperty("trials")[0];
        Assert.Equal(Malicious, trial.GetProperty("modelText").GetString());
        Assert.Equal("closed a truncated string", trial.GetProperty("repairs")[0].GetString());
        Assert.Contains("charged twice", trial.GetProperty("renderedMessages").GetString());
        Assert.Equal(1, evil.GetProperty("baseline").GetProperty("passedTrials").GetInt32());
        Assert.Equal("gone", suite.GetProperty("staleCases")[0].GetString());
    }

    [Fact]
    public void Markdown_summary_has_a_table_per_suite_and_failed_cases()
    {
        var md = MarkdownSummaryWriter.Render(Run());
        Assert.Contains("## PromptGen evals: failed", md);
        Assert.Contains("| PASS | FAIL | REGRESSED | FLAKY | INCONCLUSIVE | ERROR | STALE | NEW | Pass rate | Baseline | Smallest detectable drop |", md);
        Assert.Contains("| 1 | 0 | 1 | 1 | 0 | 1 | 1 | 0 | 66.7% (2/3) | 100% |", md);
        Assert.Contains("| evil | REGRESSED | category equals billing: expected billing, got shipping |", md);
        Assert.Contains("none: needs at least 5 comparable cases, has 2", md);
        Assert.Contains("PG1002", md);
        Assert.DoesNotContain("<script>", md);
    }

    [Fact]
    public void Markdown_escapes_pipes_and_markup_in_cells()
    {
        Assert.Equal("a \\| b &lt;i&gt; \\*c\\* d", MarkdownSummaryWriter.Escape("a | b <i> *c*\nd"));
    }

    [Fact]
    public void Markdown_leaves_no_live_link_mention_or_reference_for_a_pull_request_comment()
    {
        const string hostile = "see https://evil.example/x or WWW.evil.example, ping @octocat about #42 and org/repo#7, [click](http://x.y) <http://z.w> ![img](ftp://a.b)";
        var suite = Suite(Case(hostile, "F"));
        var run = new EvalRun { Suites = new[] { new EvalRunSuite(GateEvaluator.Evaluate(suite, null, new GateSettings())) } };

        var md = MarkdownSummaryWriter.Render(run);

        foreach (var live in new[] { "://", "WWW.", "@octocat", "#42", "#7", "[click](", "<http", "![img]" })
        {
            Assert.DoesNotContain(live, md, StringComparison.OrdinalIgnoreCase);
        }

        // Still readable: only invisible joiners and escapes were added.
        Assert.Contains("octocat", md, StringComparison.Ordinal);
        Assert.Contains("evil.example/x", md, StringComparison.Ordinal);
        Assert.Equal(hostile.Length, MarkdownSummaryWriter.Escape(hostile).Replace("\u200D", string.Empty).Replace("\\", string.Empty).Replace("&lt;", "<").Replace("&gt;", ">").Length);
    }

    [Fact]
    public void Reports_are_replaced_whole_never_rewritten_in_place()
    {
        if (OperatingSystem.IsWindows()) return; // replacing an open file is a Unix guarantee
        var first = ReportWriter.WriteAll(Run("the first answer"), _folder, new SecretScrubber());
        var before = File.ReadAllText(first.Json);
        using var reader = new StreamReader(new FileStream(first.Json, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));

        ReportWriter.WriteAll(Run("the second answer"), _folder, new SecretScrubber());

        // A reader (a CI step uploading the report) sees the old report whole, the next reader the new one.
        Assert.Equal(before, reader.ReadToEnd());
        Assert.Contains("the second answer", File.ReadAllText(first.Json), StringComparison.Ordinal);
        Assert.Equal(4, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public void Html_is_self_contained_and_escapes_everything()
    {
        var html = HtmlReportWriter.Render(Run());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("closed a truncated string", html);
        Assert.Contains("Ticket: I was charged twice", html.Replace("&quot;", "\""));
        Assert.Contains("Smallest detectable drop", html);
        // Diff against the baseline: the evil case passed 1/1 then, 0/1 now.
        Assert.Contains("<td>passed trials</td><td>1 / 1</td><td><b>0 / 1</b></td>", html);
    }

    [Fact]
    public void Html_escapes_case_ids_and_descriptions_too()
    {
        var suite = Suite(Case("<img src=x onerror=alert(1)>", "F"));
        var run = new EvalRun { Suites = new[] { new EvalRunSuite(GateEvaluator.Evaluate(suite, null, new GateSettings())) } };
        var html = HtmlReportWriter.Render(run);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
    }

    [Fact]
    public void An_api_key_from_the_environment_never_reaches_a_report()
    {
        const string name = "PROMPTGEN_TEST_OPENAI_API_KEY";
        const string secret = "sk-test-9f8e7d6c5b4a3f2e1d0c<&>";
        Environment.SetEnvironmentVariable(name, secret);
        try
        {
            // Worst case: the provider echoed the key back in an error and the model repeated it.
            var run = Run("my key is " + secret);
            run = run with
            {
                Suites = run.Suites.Select(s => s with
                {
                    Result = s.Result with
                    {
                        Cases = s.Result.Cases.Select(c => c.CaseId == "outage"
                            ? c with { Trials = c.Trials.Select(t => t with { Error = "401: invalid key " + secret }).ToArray() }
                            : c).ToArray(),
                    },
                }).ToArray(),
            };
            var files = ReportWriter.WriteAll(run, _folder);
            foreach (var file in files.All)
            {
                var text = File.ReadAllText(file);
                Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain("sk-test-9f8e7d6c5b4a3f2e1d0c", text);
                Assert.DoesNotContain("9f8e7d6c5b4a", text);
            }

            Assert.Contains(SecretScrubber.Redacted, File.ReadAllText(files.Json));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void WriteAll_writes_four_files()
    {
        var files = ReportWriter.WriteAll(Run(), _folder, new SecretScrubber());
        Assert.All(files.All, f => Assert.True(File.Exists(f)));
        Assert.Equal(4, Directory.GetFiles(_folder).Length);
    }
}
