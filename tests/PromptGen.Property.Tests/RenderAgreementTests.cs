using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsCheck;
using Microsoft.Extensions.AI;
using PromptGen.Language.Prompts;
using PromptGen.Language.Rendering;
using PromptGen.Language.Semantics;

namespace PromptGen.Property.Tests;

/// <summary>
/// Typed render == run-time render: for random inputs, the generated <c>Render(Input)</c> of each prompt in this
/// project gives exactly the messages the run-time renderer (the one <c>promptgen render</c> and untyped evals use)
/// gives for the same input as JSON.
/// </summary>
public sealed class RenderAgreementTests
{
    private const int Iterations = 300;

    private static readonly PromptEnvironment Environment = new()
    {
        Partials = PartialCatalog.FromTexts(new Dictionary<string, string> { ["signature"] = ReadPrompt("_signature.prompt") }),
    };

    [Fact]
    public void ClassifyTicket_typed_render_equals_the_runtime_render() => Check(RenderCases.ClassifyTicket);

    [Fact]
    public void ExtractTicketDetails_typed_render_equals_the_runtime_render() => Check(RenderCases.ExtractTicketDetails);

    [Fact]
    public void DraftReply_typed_render_with_loops_conditions_and_a_partial_equals_the_runtime_render() => Check(RenderCases.DraftReply);

    [Fact]
    public void PlanTrip_typed_render_with_nesting_numbers_and_enums_equals_the_runtime_render() => Check(RenderCases.PlanTrip);

    private static void Check(CsCheck.Gen<RenderCase> cases) =>
        cases.Sample(c =>
        {
            var expected = PromptRenderer.Render(c.PromptFile, ReadPrompt(c.PromptFile), new RenderData { Input = c.Input }, null, Environment);
            Assert.False(expected.HasErrors, string.Join("\n", expected.Diagnostics));
            var actual = c.RenderTyped();
            Assert.Equal(Describe(expected.Messages.Select(m => (m.Role, m.Text))), Describe(actual.Select(m => (RoleOf(m), m.Text))));
        }, iter: Iterations, threads: 1);

    /// <summary>The run-time renderer names the assistant role as Dotprompt does: <c>model</c>.</summary>
    private static string RoleOf(ChatMessage message) => message.Role == ChatRole.Assistant ? "model" : message.Role.Value;

    private static string Describe(IEnumerable<(string Role, string Text)> messages) =>
        string.Join("\n", messages.Select(m => $"[{m.Role}] {System.Text.Json.JsonSerializer.Serialize(m.Text)}"));

    private static string ReadPrompt(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Prompts", file));
}
