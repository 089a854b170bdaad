using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PromptGen.Evals.Assertions;
using PromptGen.Evals.Providers;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;
using PromptGen.Language.Evals;
using TicketTriage;
using TicketTriage.Prompts;

namespace PromptGen.Samples.Tests;

/// <summary>
/// The sample's hand-written answers against its eval files: every case has an answer, every gating assertion holds on
/// it (scored with the eval library and parsed with the generated code), and the answers the sample shows repairs for
/// really need them. Catches an edit to an eval file or a recording that makes them disagree.
/// </summary>
public sealed class SampleRecordingsTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "SampleEvals");

    public static TheoryData<string> EvalFiles => new() { "ClassifyTicket", "ExtractTicketDetails", "DraftReply" };

    [Theory]
    [MemberData(nameof(EvalFiles))]
    public async Task Every_gating_assertion_holds_on_the_recorded_answer(string prompt)
    {
        var evalPath = Path.Combine(Folder, prompt + ".eval.yaml");
        var file = EvalFileParser.Parse(evalPath, File.ReadAllText(evalPath));
        Assert.Empty(file.Diagnostics);
        var store = RecordingStore.ForEvalFile(evalPath, EvalMode.Replay);
        Assert.Equal("hand-written responses for the offline sample, not recorded from a model", store.Note);
        var services = new AssertionServices { Judge = new RecordingChatClient(new UnconfiguredChatClient(), store, RecordingKind.Judge) };

        var failures = new List<string>();
        foreach (var evalCase in file.Cases)
        {
            var answer = store.Find(evalCase.Id!, 0, RecordingKind.Chat, key: string.Empty, new JsonObject());
            Assert.True(answer is not null, $"{prompt}: no recorded answer for case '{evalCase.Id}'");
            var subject = Subject(prompt, answer!.Response.Text ?? string.Empty);
            using var scope = RecordingContext.Enter(evalCase.Id!, 0);
            foreach (var assertion in evalCase.Assert)
            {
                var outcome = await AssertionScorer.ScoreAsync(assertion, subject, services);
                if (!outcome.Passed) failures.Add($"{prompt} case '{evalCase.Id}': {assertion.Description}: {outcome.Message}");
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void The_answers_meant_to_show_repairs_need_them()
    {
        Assert.True(ClassifyTicketPrompt.TryParse(RecordedText("ClassifyTicket", "double-charge"), out _, out var clean));
        Assert.Empty(clean.Repairs.Where(r => !r.IsBenign));

        Assert.True(ClassifyTicketPrompt.TryParse(RecordedText("ClassifyTicket", "crash-on-export"), out _, out var prose));
        Assert.Contains(prose.Repairs, r => r.Kind == PromptRepairKind.StrippedProse);
        Assert.Contains(prose.Repairs, r => r.Kind == PromptRepairKind.EnumCaseFixed);

        Assert.True(ExtractTicketDetailsPrompt.TryParse(RecordedText("ExtractTicketDetails", "double-charge"), out _, out var fenced));
        Assert.Contains(fenced.Repairs, r => r.Kind == PromptRepairKind.StrippedCodeFence);
        Assert.Contains(fenced.Repairs, r => r.Kind == PromptRepairKind.TrailingComma);
    }

    [Fact]
    public void Every_built_in_ticket_is_a_case_of_every_eval_file_with_the_same_text()
    {
        foreach (var prompt in new[] { "ClassifyTicket", "ExtractTicketDetails" })
        {
            var evalPath = Path.Combine(Folder, prompt + ".eval.yaml");
            var cases = EvalFileParser.Parse(evalPath, File.ReadAllText(evalPath)).Cases.ToDictionary(c => c.Id!);
            foreach (var ticket in SampleTickets.All)
            {
                Assert.True(cases.ContainsKey(ticket.Id), $"{prompt}.eval.yaml has no case '{ticket.Id}'");
                Assert.Equal(ticket.Text, cases[ticket.Id].Input["ticket"]!.AsString);
            }
        }

        var drafts = EvalFileParser.Parse(Path.Combine(Folder, "DraftReply.eval.yaml"), File.ReadAllText(Path.Combine(Folder, "DraftReply.eval.yaml")));
        Assert.Equal(SampleTickets.All.Select(t => t.Id), drafts.Cases.Select(c => c.Id));
    }

    private static string RecordedText(string prompt, string caseId)
    {
        var store = RecordingStore.ForEvalFile(Path.Combine(Folder, prompt + ".eval.yaml"), EvalMode.Replay);
        return store.Find(caseId, 0, RecordingKind.Chat, string.Empty, new JsonObject())!.Response.Text!;
    }

    /// <summary>What the eval runner scores: the raw text, and the output as the generated parser reads it.</summary>
    /// <summary>The sample's generated descriptor of a prompt (not of one of its variants), from its assembly's prompt catalog.</summary>
    private static PromptGen.Catalog.IPromptDescriptor Descriptor(string name) =>
        PromptCatalogLoader.Load(typeof(TriageApp).Assembly).Single(p => p.SourcePath == "Prompts/" + name + ".prompt");

    private static AssertionSubject Subject(string prompt, string text)
    {
        switch (prompt)
        {
            case "ClassifyTicket":
            {
                var parsed = Descriptor(ClassifyTicketPrompt.PromptName).ParseToJson(text);
                return new AssertionSubject
                {
                    ModelText = text,
                    ParseReport = parsed.Report,
                    OutputJson = parsed.ValueJson,
                    OutputJsonSchema = ClassifyTicketPrompt.OutputJsonSchema,
                };
            }

            case "ExtractTicketDetails":
            {
                var parsed = Descriptor(ExtractTicketDetailsPrompt.PromptName).ParseToJson(text);
                return new AssertionSubject
                {
                    ModelText = text,
                    ParseReport = parsed.Report,
                    OutputJson = parsed.ValueJson,
                    OutputJsonSchema = ExtractTicketDetailsPrompt.OutputJsonSchema,
                };
            }

            default:
                return new AssertionSubject { ModelText = text, IsTextOutput = true };
        }
    }
}
