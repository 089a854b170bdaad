using System;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Tests.Recording;

public class SecretScrubberTests
{
    [Theory]
    [InlineData("Authorization: Bearer abc.def-ghi_jkl123", "Authorization: Bearer [REDACTED]")]
    [InlineData("key sk-proj-ABCDEFGHIJKLMNOPQRSTUV here", "key [REDACTED] here")]
    [InlineData("{\"api_key\": \"abcdefgh12345678\"}", "{\"api_key\": \"[REDACTED]\"}")]
    [InlineData("password=hunter2hunter2", "password=[REDACTED]")]
    [InlineData("AIzaSyA1234567890abcdefghijklmnopqrstu", "[REDACTED]")]
    [InlineData("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[REDACTED]")]
    public void Key_shaped_text_is_redacted(string input, string expected)
    {
        Assert.Equal(expected, new SecretScrubber().Scrub(input));
    }

    [Theory]
    [InlineData("The customer was charged twice for order 1182.")]
    [InlineData("Use max_tokens: 100 and a bearer of bad news.")]
    [InlineData("")]
    public void Ordinary_text_is_left_alone(string input)
    {
        Assert.Equal(input, new SecretScrubber().Scrub(input));
    }

    [Fact]
    public void A_registered_secret_is_removed_wherever_it_appears()
    {
        var scrubber = new SecretScrubber();
        scrubber.AddSecret("plain-looking-token-42");
        scrubber.AddSecret("short");

        Assert.Equal("echo [REDACTED] and short", scrubber.Scrub("echo plain-looking-token-42 and short"));
    }
}
