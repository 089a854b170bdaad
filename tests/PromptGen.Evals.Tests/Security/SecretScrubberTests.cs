using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Security;

namespace PromptGen.Evals.Tests.Security;

/// <summary>The one secret scrubber (runtime library) that recordings, reports, findings and the console share.</summary>
public class SecretScrubberTests
{
    [Theory]
    [InlineData("Authorization: Bearer abc.def-ghi_jkl123", "Authorization: [REDACTED]")]
    [InlineData("{\"Authorization\": \"Bearer abc.def-ghi_jkl123\", \"n\": 1}", "{\"Authorization\": \"[REDACTED]\", \"n\": 1}")]
    [InlineData("proxy-authorization: Basic dXNlcjpwYXNzd29yZA==\nnext line", "proxy-authorization: [REDACTED]\nnext line")]
    [InlineData("api-key: 0123456789abcdef", "api-key: [REDACTED]")]
    [InlineData("X-Api-Key:whatever-it-is", "X-Api-Key:[REDACTED]")]
    [InlineData("Cookie: session=abc123; theme=dark", "Cookie: [REDACTED]")]
    [InlineData("he sent Bearer eyJhbGciOiJIUzI1NiJ9 along", "he sent Bearer [REDACTED] along")]
    [InlineData("key sk-proj-ABCDEFGHIJKLMNOPQRSTUV here", "key [REDACTED] here")]
    [InlineData("{\"api_key\": \"abcdefgh12345678\"}", "{\"api_key\": \"[REDACTED]\"}")]
    [InlineData("{\\\"client_secret\\\": \\\"abcdefgh12345678\\\"}", "{\\\"client_secret\\\": \\\"[REDACTED]\\\"}")]
    [InlineData("password=hunter2hunter2", "password=[REDACTED]")]
    [InlineData("AIzaSyA1234567890abcdefghijklmnopqrstu", "[REDACTED]")]
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[REDACTED]")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- done", "[REDACTED] done")]
    public void Credential_shaped_text_is_redacted(string input, string expected)
    {
        Assert.Equal(expected, new SecretScrubber().Scrub(input));
    }

    [Theory]
    [InlineData("The customer was charged twice for order 1182.")]
    [InlineData("Use max_tokens: 100 and a bearer of bad news.")]
    [InlineData("A basic understanding of bearer instruments helps.")]
    [InlineData("{\"inputTokens\": 12, \"outputTokens\": 3}")]
    [InlineData("")]
    public void Ordinary_text_is_left_alone(string input)
    {
        Assert.Equal(input, new SecretScrubber().Scrub(input));
    }

    [Fact]
    public void A_registered_secret_is_removed_wherever_it_appears_and_short_values_are_not_registered()
    {
        var scrubber = new SecretScrubber();
        scrubber.AddSecret("plain-looking-token-42");
        scrubber.AddSecret("short");
        scrubber.AddSecret("  ");

        Assert.Equal(1, scrubber.SecretCount);
        Assert.Equal("echo [REDACTED] and short", scrubber.Scrub("echo plain-looking-token-42 and short"));
        Assert.Null(scrubber.Scrub(null));
    }

    [Fact]
    public void A_registered_secret_that_was_cut_before_scrubbing_is_removed_too()
    {
        var key = "pgtestkey" + new string('q', 40) + "0123456789";
        var scrubber = new SecretScrubber(new[] { key });

        // Someone shortened first: the tail of the key is gone, its head runs into the ellipsis or the end.
        Assert.Equal("got \"[REDACTED]…", scrubber.Scrub("got \"" + key.Substring(0, 30) + "…"));
        Assert.Equal("near '[REDACTED]...", scrubber.Scrub("near '" + key.Substring(0, 12) + "..."));
        Assert.Equal("tail [REDACTED]", scrubber.Scrub("tail " + key.Substring(0, 20)));
        // The same letters in the middle of ordinary text are not a cut key.
        Assert.Equal("pgtestkeyq is a word", scrubber.Scrub("pgtestkeyq is a word"));
    }

    [Fact]
    public void Scrub_and_shorten_removes_a_key_longer_than_the_length_limit()
    {
        var key = "pgtestkey-" + string.Concat(Enumerable.Range(0, 60).Select(i => (char)('a' + i % 26)));
        var scrubber = new SecretScrubber(new[] { key });
        var text = "expected summary to equal \"x\", got \"Authorization: Bearer " + key + " and " + key + key + key + "\"";

        var shortened = scrubber.ScrubAndShorten(text, 50);

        Assert.True(shortened.Length <= 50, shortened);
        Assert.DoesNotContain(key.Substring(0, 12), shortened, StringComparison.Ordinal);
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_and_shorten_of_a_huge_text_scrubs_what_it_keeps_with_enough_context()
    {
        // Longer than the scrubbed margin: it runs into the end of the scrubbed part and is removed as a cut secret.
        var key = "pgtestkey-" + new string('k', 10_000);
        var scrubber = new SecretScrubber(new[] { key });
        var header = new string('x', 90) + "got \"Authorization: Bearer " + new string('z', 9_000) + " tail " + new string('y', 100_000);
        var registered = new string('x', 150) + key + new string('y', 100_000);

        Assert.Equal(new string('x', 90) + "got \"Authorization: [REDACTED]…", scrubber.ScrubAndShorten(header, 200));
        Assert.Equal("xAuthorization: [REDACTED]", scrubber.Scrub("xAuthorization: abc"));
        Assert.Equal(new string('x', 150) + "[REDACTED]…", scrubber.ScrubAndShorten(registered, 200));
        Assert.Equal(new string('y', 199) + "…", scrubber.ScrubAndShorten(new string('y', 100_000), 200));
    }

    [Theory]
    [InlineData("PROMPTGEN_API_KEY", true)]
    [InlineData("GITHUB_TOKEN", true)]
    [InlineData("AZURE_CLIENT_SECRET", true)]
    [InlineData("DB_PASSWORD", true)]
    [InlineData("ConnectionStrings__Default", true)]
    [InlineData("SQL_CONNECTION_STRING", true)]
    [InlineData("PWD", false)]
    [InlineData("PATH", false)]
    public void Secret_variable_names(string name, bool secret) =>
        Assert.Equal(secret, SecretScrubber.IsSecretVariableName(name));

    [Fact]
    public void Secrets_come_from_secret_named_variables_only()
    {
        var scrubber = new SecretScrubber();
        scrubber.AddSecretsFromEnvironment(new Hashtable
        {
            ["MY_SERVICE_TOKEN"] = "tok-1234567890",
            ["HOME"] = "/home/someone-long",
            ["SHORT_KEY"] = "abc",
        });

        Assert.Equal("[REDACTED] /home/someone-long abc", scrubber.Scrub("tok-1234567890 /home/someone-long abc"));
    }

    [Fact]
    public void Secrets_can_be_added_while_other_threads_scrub()
    {
        var scrubber = new SecretScrubber();
        var secrets = Enumerable.Range(0, 200).Select(i => $"concurrent-secret-{i:D4}").ToList();

        System.Threading.Tasks.Parallel.For(0, secrets.Count, i =>
        {
            scrubber.AddSecret(secrets[i]);
            Assert.Equal("x [REDACTED] y", scrubber.Scrub($"x {secrets[i]} y"));
        });

        Assert.Equal(200, scrubber.SecretCount);
    }
}
