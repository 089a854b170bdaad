using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Security;

namespace PromptGen.Evals.Assertions;

/// <summary>
/// <c>llm-rubric</c>: asks a judge model whether an output meets a rubric. The request depends only on the rubric, the
/// output and the judge options (no time, no randomness), so a recording wrapper replays it exactly.
/// </summary>
public static class LlmRubricJudge
{
    internal const string Instructions =
        "You are an exacting evaluator. You receive a rubric and an output produced by another model. " +
        "Decide whether the output satisfies every requirement of the rubric. Judge only what the rubric asks. " +
        "Answer with one JSON object and nothing else: {\"pass\": true or false, \"score\": a number from 0 to 1 for how well " +
        "the output meets the rubric, \"reason\": one short sentence}.";

    /// <summary>The messages sent to the judge.</summary>
    public static IList<ChatMessage> BuildMessages(string rubric, string output) => new List<ChatMessage>
    {
        new(ChatRole.System, Instructions),
        new(ChatRole.User, "<rubric>\n" + rubric + "\n</rubric>\n\n<output>\n" + output + "\n</output>"),
    };

    /// <summary>The judge options: the caller's (cloned), with temperature 0 and a JSON response format unless set.</summary>
    public static ChatOptions CreateOptions(ChatOptions? template)
    {
        var options = template?.Clone() ?? new ChatOptions();
        options.Temperature ??= 0;
        options.ResponseFormat ??= ChatResponseFormat.Json;
        return options;
    }

    /// <summary>Calls the judge and reads its verdict; throws <see cref="AssertionServiceException"/> when it cannot.</summary>
    public static async Task<(JudgeVerdict Verdict, string Text)> JudgeAsync(
        IChatClient judge, string rubric, string output, ChatOptions? options, CancellationToken cancellationToken)
    {
        ChatResponse response;
        try
        {
            response = await judge.GetResponseAsync(BuildMessages(rubric, output), CreateOptions(options), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when ((exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && exception is not RecordingMissingException)
        {
            // A missing recording stays itself (PG1003, with its own message); every other failure is a service error.
            throw new AssertionServiceException($"The llm-rubric judge call failed: {exception.Message}", exception);
        }

        var text = response.Text ?? string.Empty;
        var verdict = JudgeVerdict.Parse(text)
            ?? throw new AssertionServiceException($"The llm-rubric judge answered without a verdict: {Shorten(text)}");
        return (verdict, text);
    }

    private static string Shorten(string text) => EvalSecrets.Shorten(text, 200);
}
