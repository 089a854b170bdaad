using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PromptGen.Evals.Recording;

/// <summary>
/// The last line of defence between a secret and a committed recordings file: removes registered secrets
/// (the configured API key) and anything shaped like a bearer token or a well-known API key from stored text.
/// </summary>
public sealed class SecretScrubber
{
    /// <summary>What replaces a removed secret.</summary>
    public const string Redacted = "[REDACTED]";

    // Shorter values are too likely to be ordinary words; they are left to the pattern rules.
    private const int MinimumSecretLength = 8;

    private static readonly string[] SecretVariables = { "PROMPTGEN_API_KEY", "OPENAI_API_KEY", "AZURE_OPENAI_API_KEY" };

    private static readonly (Regex Pattern, string Replacement)[] Rules =
    {
        (new Regex(@"(?i)\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]{8,}=*", RegexOptions.CultureInvariant), "$1 " + Redacted),
        (new Regex(@"\bsk-[A-Za-z0-9_\-]{16,}", RegexOptions.CultureInvariant), Redacted),
        (new Regex(@"\bAIza[0-9A-Za-z\-_]{30,}", RegexOptions.CultureInvariant), Redacted),
        (new Regex(@"\bgh[pousr]_[A-Za-z0-9]{30,}", RegexOptions.CultureInvariant), Redacted),
        (new Regex(@"\bxox[abprs]-[A-Za-z0-9\-]{10,}", RegexOptions.CultureInvariant), Redacted),
        (new Regex(@"\bAKIA[0-9A-Z]{16}\b", RegexOptions.CultureInvariant), Redacted),
        (new Regex(
            @"(?i)\b((?:x-)?api[-_]?key|access[-_]?token|client[-_]?secret|secret[-_]?key|password)(""?\s*[:=]\s*""?)[^\s""',;]{8,}",
            RegexOptions.CultureInvariant), "$1$2" + Redacted),
    };

    private readonly object _gate = new();
    private string[] _secrets = Array.Empty<string>();

    /// <summary>
    /// The scrubber recordings use unless given another. The provider factory registers every API key it is given here,
    /// so a key can never be written even if a model echoes it.
    /// </summary>
    public static SecretScrubber Shared { get; } = new();

    /// <summary>Registers a literal secret to remove wherever it appears. Blank or very short values are ignored.</summary>
    public void AddSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret!.Trim().Length < MinimumSecretLength)
            return;
        lock (_gate)
        {
            if (_secrets.Contains(secret, StringComparer.Ordinal))
                return;
            // Longest first, so a secret that contains another is removed whole.
            _secrets = _secrets.Append(secret).OrderByDescending(s => s.Length).ToArray();
        }
    }

    /// <summary>Returns <paramref name="text"/> with every secret replaced by <see cref="Redacted"/>.</summary>
    public string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        var result = text;
        foreach (var secret in Secrets())
            result = result.Replace(secret, Redacted, StringComparison.Ordinal);
        foreach (var (pattern, replacement) in Rules)
            result = pattern.Replace(result, replacement);
        return result;
    }

    private IEnumerable<string> Secrets()
    {
        string[] registered;
        lock (_gate)
            registered = _secrets;
        var fromEnvironment = SecretVariables
            .Select(Environment.GetEnvironmentVariable)
            .Where(v => v is not null && v.Trim().Length >= MinimumSecretLength)
            .Select(v => v!);
        return registered.Concat(fromEnvironment).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length);
    }
}
