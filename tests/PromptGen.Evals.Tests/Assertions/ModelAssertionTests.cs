using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Assertions;

namespace PromptGen.Evals.Tests.Assertions;

public sealed class ModelAssertionTests
{
    private const string Output = """{"summary":"We refunded the duplicate charge."}""";

    [Theory]
    [InlineData("""{"pass": true, "score": 0.9, "reason": "ok"}""", true, 0.9, "ok")]
    [InlineData("""Sure! ```json\n{"pass": "yes", "score": "0.4",}\n``` done""", true, 0.4, null)]
    [InlineData("""{"passed": false, "score": 8, "reasoning": "too long"}""", false, 0.8, "too long")]
    [InlineData("""{"note": {"x": 1}} then {"pass": false}""", false, null, null)]
    [InlineData("""PASS: true\nscore = 75""", true, 0.75, null)]
    [InlineData("""{"score": 1}""", null, 1.0, null)]
    [InlineData("""{"reason": "\udc00"} then {"pass": true}""", true, null, null)]
    public void Reads_judge_verdicts_robustly(string text, bool? pass, double? score, string? reason)
    {
        var verdict = JudgeVerdict.Parse(text);
        Assert.NotNull(verdict);
        Assert.Equal(pass, verdict!.Pass);
        Assert.Equal(score, verdict.Score);
        Assert.Equal(reason, verdict.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("I think it is fine.")]
    [InlineData("{\"verdict\": \"good\"}")]
    [InlineData("{\"pass\": \"\\ud800\"}")] // valid JSON whose string does not decode (it threw InvalidOperationException)
    public void Text_without_a_verdict_gives_none(string text) => Assert.Null(JudgeVerdict.Parse(text));

    [Theory]
    [InlineData(true, 0.3, null, true)]
    [InlineData(true, 0.3, 0.5, false)]
    [InlineData(false, 0.9, 0.5, true)]
    [InlineData(null, 0.6, null, true)]
    [InlineData(null, 0.4, null, false)]
    public void Verdicts_pass_by_threshold_then_flag_then_score(bool? pass, double? score, double? threshold, bool expected) =>
        Assert.Equal(expected, new JudgeVerdict(pass, score, null).Passes(threshold));

    [Fact]
    public async Task Llm_rubric_asks_the_judge_deterministically_and_reads_its_verdict()
    {
        var judge = new FakeJudge("""{"pass": false, "score": 0.2, "reason": "It is two sentences."}""");
        var assertion = AssertionScorerTests.ParseAssertion("llm-rubric: \"One sentence\"");
        var services = new AssertionServices { Judge = judge, JudgeOptions = new ChatOptions { ModelId = "judge-model" } };
        var outcome = await AssertionScorer.ScoreAsync(assertion, new AssertionSubject { OutputJson = Output }, services);
        Assert.False(outcome.Passed);
        Assert.Equal(0.2, outcome.Score);
        Assert.Equal("the judge found the rubric not met (score 0.2): It is two sentences.", outcome.Message);

        var call = Assert.Single(judge.Calls);
        Assert.Equal(ChatRole.System, call.Messages[0].Role);
        Assert.Contains("<rubric>\nOne sentence\n</rubric>", call.Messages[1].Text);
        Assert.Contains(Output, call.Messages[1].Text);
        Assert.Equal(0f, call.Options!.Temperature);
        Assert.Equal("judge-model", call.Options.ModelId);
        Assert.IsType<ChatResponseFormatJson>(call.Options.ResponseFormat);

        await AssertionScorer.ScoreAsync(assertion, new AssertionSubject { OutputJson = Output }, services);
        Assert.Equal(judge.Calls[0].Messages.Select(m => m.Text), judge.Calls[1].Messages.Select(m => m.Text));
        Assert.Null(services.JudgeOptions.Temperature); // the caller's options are not changed
    }

    [Fact]
    public async Task Llm_rubric_threshold_and_path()
    {
        var judge = new FakeJudge("""{"pass": true, "score": 0.6}""");
        var services = new AssertionServices { Judge = judge };
        var strict = AssertionScorerTests.ParseAssertion("{ path: summary, llm-rubric: { rubric: Polite, threshold: 0.7 } }");
        var outcome = await AssertionScorer.ScoreAsync(strict, new AssertionSubject { OutputJson = Output }, services);
        Assert.False(outcome.Passed);
        Assert.Contains("<output>\nWe refunded the duplicate charge.\n</output>", judge.Calls[0].Messages[1].Text);
        var lenient = AssertionScorerTests.ParseAssertion("{ llm-rubric: { rubric: Polite, threshold: 0.5 } }");
        Assert.True((await AssertionScorer.ScoreAsync(lenient, new AssertionSubject { OutputJson = Output }, services)).Passed);
    }

    [Fact]
    public async Task Judge_problems_are_service_errors_not_failures()
    {
        var assertion = AssertionScorerTests.ParseAssertion("llm-rubric: polite");
        var subject = new AssertionSubject { OutputJson = Output };
        await Assert.ThrowsAsync<AssertionServiceException>(() => AssertionScorer.ScoreAsync(assertion, subject, null));
        await Assert.ThrowsAsync<AssertionServiceException>(() => AssertionScorer.ScoreAsync(assertion, subject, new AssertionServices { Judge = new FakeJudge("no idea") }));
        var exception = await Assert.ThrowsAsync<AssertionServiceException>(() => AssertionScorer.ScoreAsync(assertion, subject, new AssertionServices { Judge = new FakeJudge(null) }));
        Assert.IsType<InvalidOperationException>(exception.InnerException);
    }

    [Fact]
    public async Task Similar_compares_embeddings_of_reference_and_output()
    {
        var embeddings = new FakeEmbeddings(new Dictionary<string, float[]>
        {
            ["A refund was issued"] = new[] { 1f, 0f },
            ["We refunded the duplicate charge."] = new[] { 0.9f, 0.1f },
            ["Unrelated"] = new[] { 0f, 1f },
        });
        var services = new AssertionServices { Embeddings = embeddings };
        var close = AssertionScorerTests.ParseAssertion("{ path: summary, similar: A refund was issued }");
        var outcome = await AssertionScorer.ScoreAsync(close, new AssertionSubject { OutputJson = Output }, services);
        Assert.True(outcome.Passed);
        Assert.InRange(outcome.Score!.Value, 0.99, 1.0);
        Assert.Equal(new[] { "A refund was issued", "We refunded the duplicate charge." }, embeddings.Calls.Single());

        var far = AssertionScorerTests.ParseAssertion("{ path: summary, similar: { value: Unrelated, threshold: 0.5 } }");
        var failed = await AssertionScorer.ScoreAsync(far, new AssertionSubject { OutputJson = Output }, services);
        Assert.False(failed.Passed);
        Assert.StartsWith("expected summary to be similar to \"Unrelated\" (>= 0.5), similarity is 0.1104", failed.Message);
        await Assert.ThrowsAsync<AssertionServiceException>(() => AssertionScorer.ScoreAsync(far, new AssertionSubject { OutputJson = Output }, null));
    }

    [Fact]
    public void Cosine_similarity()
    {
        Assert.Equal(1, EmbeddingSimilarity.Cosine(new[] { 1f, 2f }, new[] { 2f, 4f }), 6);
        Assert.Equal(0, EmbeddingSimilarity.Cosine(new[] { 1f, 0f }, new[] { 0f, 3f }), 6);
        Assert.Equal(-1, EmbeddingSimilarity.Cosine(new[] { 1f, 1f }, new[] { -1f, -1f }), 6);
        Assert.Equal(0, EmbeddingSimilarity.Cosine(new[] { 0f, 0f }, new[] { 1f, 1f }));
        Assert.Throws<ArgumentException>(() => EmbeddingSimilarity.Cosine(new[] { 1f }, new[] { 1f, 2f }));
    }

    private sealed class FakeJudge : IChatClient
    {
        private readonly string? _answer;

        public FakeJudge(string? answer) => _answer = answer;

        public List<(List<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = new();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls.Add((messages.ToList(), options));
            if (_answer is null) throw new InvalidOperationException("HTTP 500");
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, _answer)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class FakeEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly Dictionary<string, float[]> _vectors;

        public FakeEmbeddings(Dictionary<string, float[]> vectors) => _vectors = vectors;

        public List<string[]> Calls { get; } = new();

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToArray();
            Calls.Add(texts);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => new Embedding<float>(_vectors[t]))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
