using System;
using System.IO;
using PromptGen.Cli.Output;
using PromptGen.Evals.Security;

namespace PromptGen.Cli.Tests;

/// <summary>A streamed answer is shown scrubbed of secrets, never a piece of one that was not yet recognised.</summary>
public sealed class ScrubbedStreamTests
{
    // Fake credentials, assembled at run time so that secret scanners do not flag the test source.
    private static readonly string[] Secrets =
    {
        "sk" + "-proj-abcdefghijklmnopqrstuvwx1234567890",
        "github" + "_pat_" + new string('A', 22) + "_" + new string('b', 59),
        "Authorization: Bearer " + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    };

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(200)]
    public void Each_piece_shown_is_the_scrubbed_answer_and_no_credential_leaks_while_it_arrives(int chunk)
    {
        foreach (var secret in Secrets)
        {
            var answer = "Sure. Here is what you asked for: " + secret + "\nand a long tail " + new string('.', 300) + " done.";
            using var terminal = new StringWriter();
            var stream = new ScrubbedStream(terminal);
            var shownAfterEachUpdate = new System.Collections.Generic.List<string>();

            for (var length = chunk; length < answer.Length; length += chunk)
            {
                stream.Update(answer.Substring(0, length));
                shownAfterEachUpdate.Add(terminal.ToString());
            }

            Assert.True(stream.Complete(answer));

            Assert.Equal(EvalSecrets.Scrub(answer), terminal.ToString());
            var credential = secret.Substring(secret.IndexOf(' ') < 0 ? 0 : secret.LastIndexOf(' ') + 1);
            foreach (var shown in shownAfterEachUpdate)
            {
                Assert.DoesNotContain(credential.Substring(0, 8), shown, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_short_answer_is_shown_when_it_ends_and_an_empty_one_not_at_all()
    {
        using var terminal = new StringWriter();
        var stream = new ScrubbedStream(terminal);
        stream.Update("{\"category\":");

        Assert.Equal(string.Empty, terminal.ToString()); // kept back: it may be the start of a secret
        Assert.True(stream.Complete("{\"category\": \"billing\"}"));
        Assert.Equal("{\"category\": \"billing\"}", terminal.ToString());
        Assert.False(new ScrubbedStream(new StringWriter()).Complete(string.Empty));
    }
}
