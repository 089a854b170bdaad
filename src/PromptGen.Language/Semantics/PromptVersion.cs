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
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(normalized));
        }

        var builder = new StringBuilder(Length);
        for (var i = 0; i < Length / 2; i++) builder.Append(hash[i].ToString("x2"));
        return builder.ToString();
    }
}
