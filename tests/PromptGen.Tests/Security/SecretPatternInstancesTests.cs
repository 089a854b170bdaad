using System.Linq;
using PromptGen.Security;
using Xunit;

namespace PromptGen.Tests.Security;

/// <summary>
/// Secret scrubbing scans with the source-generated instance of its pattern until a process has scanned enough text,
/// then with a compiled instance: the two must remove exactly the same things.
/// </summary>
public class SecretPatternInstancesTests
{
    private static readonly string[] s_lines =
    {
        "Authorization: Bearer abc.def-ghi_jkl123",
        "{\"Authorization\": \"Bearer abc.def-ghi_jkl123\", \"n\": 1}",
        "proxy-authorization: Basic dXNlcjpwYXNzd29yZA==",
        "X-Api-Key:whatever-it-is and Cookie: session=abc123; theme=dark",
        "he sent Bearer eyJhbGciOiJIUzI1NiJ9 along, a basic understanding of bearer instruments",
        "key sk-proj-ABCDEFGHIJKLMNOPQRSTUV here and {\\\"client_secret\\\": \\\"abcdefgh12345678\\\"}",
        "password=hunter2hunter2 AIzaSyA1234567890abcdefghijklmnopqrstu ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        "xoxb-1234567890-abcdef AKIAABCDEFGHIJKLMNOP hf_abcdefghijklmnopqrstuvwxyz0123456 https://x.blob/?sig=abcdEFGH1234%2B5678",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY----- done",
        "-----BEGIN PRIVATE KEY-----\nan unterminated block",
        "The customer was charged twice for order 1182; use max_tokens: 100 and Zoë's {\"inputTokens\": 12}.",
    };

    public static TheoryData<int> Lines() => new(Enumerable.Range(0, s_lines.Length));

    [Theory]
    [MemberData(nameof(Lines))]
    public void Both_instances_scrub_a_line_alike(int line)
    {
        var text = s_lines[line];

        var generated = SecretPatterns.Scrub(text, SecretPatterns.SourceGeneratedPattern);

        Assert.Equal(generated, SecretPatterns.Scrub(text, SecretPatterns.NewCompiledPattern()));
        if (line < s_lines.Length - 1) Assert.Contains(SecretScrubber.Redacted, generated);
        else Assert.Equal(text, generated);
    }

    [Fact]
    public void Both_instances_scrub_a_report_sized_text_alike()
    {
        // Without the unterminated key block, which would run on to the next block's end marker.
        var block = string.Join("\n", s_lines.Where(l => !l.Contains("unterminated"))) + "\n";
        var text = string.Concat(Enumerable.Repeat(block, 200));

        var generated = SecretPatterns.Scrub(text, SecretPatterns.SourceGeneratedPattern);

        Assert.True(text.Length > 64 * 1024);
        Assert.Equal(generated, SecretPatterns.Scrub(text, SecretPatterns.NewCompiledPattern()));
        Assert.Equal(string.Concat(Enumerable.Repeat(SecretPatterns.Scrub(block, SecretPatterns.SourceGeneratedPattern), 200)), generated);
    }
}
