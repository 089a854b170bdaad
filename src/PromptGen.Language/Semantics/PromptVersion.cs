using System.Security.Cryptography;

namespace PromptGen.Language.Semantics;

/// <summary>
/// The version of a prompt as generated code and captured calls name it: the first 12 hex digits of the SHA-256 of the
/// <c>.prompt</c> file's text with line endings normalized to <c>\n</c> (so a checkout with other line endings keeps the
/// version). Any edit to the file, frontmatter or template, is a new version.
/// </summary>
public static class PromptVersion
{
    /// <summary>The number of hex digits kept.</summary>
    public const int Length = 12;

    /// <summary>The version of a prompt file whose whole text is <paramref name="promptFileText"/>.</summary>
    public static string Compute(string promptFileText)
    {
        if (promptFileText is null) throw new ArgumentNullException(nameof(promptFileText));
        var normalized = promptFileText.Replace("\r\n", "\n");
        // A leading BOM is not part of the text a reader sees.
        if (normalized.Length > 0 && normalized[0] == '\uFEFF') normalized = normalized.Substring(1);
        var scratch = t_scratch ??= new Scratch();
        var byteCount = Encoding.UTF8.GetByteCount(normalized);
        if (scratch.Bytes.Length < byteCount) scratch.Bytes = new byte[Math.Max(byteCount, scratch.Bytes.Length * 2)];
        Encoding.UTF8.GetBytes(normalized, 0, normalized.Length, scratch.Bytes, 0);
        var hash = scratch.Sha.ComputeHash(scratch.Bytes, 0, byteCount);

        var digits = new char[Length];
        for (var i = 0; i < Length / 2; i++)
        {
            digits[2 * i] = HexDigits[hash[i] >> 4];
            digits[(2 * i) + 1] = HexDigits[hash[i] & 0xF];
        }

        return new string(digits);
    }

    private const string HexDigits = "0123456789abcdef";

    // The generator computes a version for every prompt: one hasher and one byte buffer per thread spare an
    // algorithm object and a copy of the file's bytes for each.
    [ThreadStatic]
    private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public SHA256 Sha { get; } = SHA256.Create();

        public byte[] Bytes { get; set; } = new byte[4096];
    }
}
