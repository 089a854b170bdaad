using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace PromptGen.Security;

/// <summary>
/// Removes secrets from text before it is stored or shown: recordings, reports, console and build output, captured
/// production traffic. It knows the secrets it is given (the configured API keys, see <see cref="AddSecret"/> and
/// <see cref="AddSecretsFromEnvironment()"/>) and recognises credential-shaped text on its own: header-shaped text
/// such as <c>Authorization: ...</c> or <c>api-key: ...</c>, <c>Bearer</c>/<c>Basic</c> credentials, <c>sk-...</c>
/// keys and other well-known token formats, <c>password=...</c> pairs and private key blocks.
/// </summary>
/// <remarks>
/// <para>Scrub before you shorten: a secret cut in half is no longer recognised. <see cref="ScrubAndShorten"/> does
/// both in the right order. As a second line of defence, a registered secret that was cut anyway (a prefix of at
/// least <see cref="MinimumSecretLength"/> characters running into the end of the text or into an ellipsis) is removed
/// too.</para>
/// <para>The scrubber errs on the side of removing: prose such as <c>Authorization: none</c> loses its value. An
/// instance is safe to use from several threads; secrets can be added while it is in use.</para>
/// </remarks>
public sealed class SecretScrubber
{
    /// <summary>What replaces a removed secret.</summary>
    public const string Redacted = "[REDACTED]";

    /// <summary>
    /// Registered secrets shorter than this are ignored: such values are too likely to be ordinary words, and the
    /// pattern rules still apply to them.
    /// </summary>
    public const int MinimumSecretLength = 8;

    /// <summary>
    /// How much text after the part <see cref="ScrubAndShorten"/> keeps is scrubbed with it: enough for any credential
    /// that starts in the kept part to be recognised.
    /// </summary>
    public const int ScrubbedMargin = 4096;

    private const string Ellipsis = "…";

    // Longest first, so that a secret containing another one is removed whole. Replaced, never mutated.
    private string[] _secrets = Array.Empty<string>();
    private readonly object _gate = new();

    /// <summary>A scrubber that knows no secret yet; the pattern rules apply from the start.</summary>
    public SecretScrubber()
    {
    }

    /// <summary>A scrubber that knows <paramref name="secrets"/> (blank and short values are ignored).</summary>
    public SecretScrubber(IEnumerable<string?> secrets)
    {
        if (secrets is null)
            throw new ArgumentNullException(nameof(secrets));
        foreach (var secret in secrets)
            AddSecret(secret);
    }

    /// <summary>The number of registered secrets.</summary>
    public int SecretCount => Volatile.Read(ref _secrets).Length;

    /// <summary>
    /// Registers a literal secret (an API key, a token) to remove wherever it appears. Surrounding white space is
    /// ignored; blank values and values shorter than <see cref="MinimumSecretLength"/> are not registered.
    /// </summary>
    public void AddSecret(string? secret)
    {
        var value = secret?.Trim();
        if (value is null || value.Length < MinimumSecretLength)
            return;
        lock (_gate)
        {
            if (Array.IndexOf(_secrets, value) >= 0)
                return;
            Volatile.Write(ref _secrets, _secrets.Append(value).OrderByDescending(s => s.Length).ToArray());
        }
    }

    /// <summary>
    /// Registers the values of this process's environment variables whose names look secret
    /// (see <see cref="IsSecretVariableName"/>), such as <c>PROMPTGEN_API_KEY</c> or <c>GITHUB_TOKEN</c>.
    /// The environment is read now; call again to pick up later changes.
    /// </summary>
    public void AddSecretsFromEnvironment() => AddSecretsFromEnvironment(Environment.GetEnvironmentVariables());

    /// <summary>Registers the values of <paramref name="variables"/> (name → value) whose names look secret.</summary>
    public void AddSecretsFromEnvironment(IDictionary variables)
    {
        if (variables is null)
            throw new ArgumentNullException(nameof(variables));
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is string name && entry.Value is string value && IsSecretVariableName(name))
                AddSecret(value);
        }
    }

    /// <summary>
    /// Whether an environment variable's name says it holds a secret: it contains <c>KEY</c>, <c>TOKEN</c>,
    /// <c>SECRET</c>, <c>PASSWORD</c>, <c>PASSWD</c>, <c>CREDENTIAL</c>, <c>AUTH</c> or <c>CONNECTION_STRING</c>
    /// (any case). <c>PWD</c> alone is the working directory, not a password.
    /// </summary>
    public static bool IsSecretVariableName(string name) => SecretPatterns.IsSecretVariableName(name);

    /// <summary>Returns <paramref name="text"/> with every secret replaced by <see cref="Redacted"/>; <c>null</c> stays <c>null</c>.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        var secrets = Volatile.Read(ref _secrets);
        var result = text!;
        foreach (var secret in secrets)
        {
            if (result.IndexOf(secret, StringComparison.Ordinal) >= 0)
                result = result.Replace(secret, Redacted);
        }

        result = RemoveCutSecrets(result, secrets);
        return SecretPatterns.Scrub(result);
    }

    /// <summary>
    /// Scrubs <paramref name="text"/>, then shortens it to at most <paramref name="maxLength"/> characters, ending in
    /// <c>…</c> when it was cut. In this order a secret is removed whole before anything is cut.
    /// </summary>
    /// <remarks>
    /// Only the part that can be shown is scrubbed, with <see cref="ScrubbedMargin"/> characters of context after it, so
    /// the cost does not grow with the length of the text: a secret that starts in the shown part is recognised within
    /// that context, and a registered secret even longer than that runs into the end of the context and is removed as
    /// a cut secret.
    /// </remarks>
    [return: NotNullIfNotNull(nameof(text))]
    public string? ScrubAndShorten(string? text, int maxLength)
    {
        if (maxLength < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLength), "The length must be at least 1.");
        if (text is null)
            return null;
        var cutBefore = text.Length > maxLength + ScrubbedMargin;
        var scrubbed = Scrub(cutBefore ? text.Substring(0, maxLength + ScrubbedMargin) : text);
        if (scrubbed.Length <= maxLength && !cutBefore)
            return scrubbed;
        var cut = Math.Min(maxLength - 1, scrubbed.Length);
        // Never split a surrogate pair.
        if (cut > 0 && char.IsHighSurrogate(scrubbed[cut - 1]))
            cut--;
        return scrubbed.Substring(0, cut) + Ellipsis;
    }

    /// <summary>
    /// A registered secret cut by someone who shortened before scrubbing: a prefix of at least
    /// <see cref="MinimumSecretLength"/> characters that runs into the end of the text or into an ellipsis.
    /// </summary>
    private static string RemoveCutSecrets(string text, string[] secrets)
    {
        foreach (var secret in secrets)
        {
            var probe = secret.Substring(0, MinimumSecretLength);
            var at = text.IndexOf(probe, StringComparison.Ordinal);
            if (at < 0)
                continue;
            var builder = new StringBuilder(text.Length);
            var copied = 0;
            while (at >= 0)
            {
                var length = MinimumSecretLength;
                while (length < secret.Length && at + length < text.Length && text[at + length] == secret[length])
                    length++;
                var end = at + length;
                var next = at + 1;
                if (end == text.Length || IsEllipsisAt(text, end))
                {
                    builder.Append(text, copied, at - copied).Append(Redacted);
                    copied = end;
                    next = end;
                }

                at = next < text.Length ? text.IndexOf(probe, next, StringComparison.Ordinal) : -1;
            }

            if (copied > 0)
                text = builder.Append(text, copied, text.Length - copied).ToString();
        }

        return text;
    }

    private static bool IsEllipsisAt(string text, int index) =>
        string.CompareOrdinal(text, index, Ellipsis, 0, Ellipsis.Length) == 0 ||
        string.CompareOrdinal(text, index, "...", 0, 3) == 0;
}
