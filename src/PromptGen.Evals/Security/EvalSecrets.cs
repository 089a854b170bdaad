using PromptGen.Evals.Providers;
using PromptGen.Security;

namespace PromptGen.Evals.Security;

/// <summary>
/// The secret scrubber of the eval runner (the runtime's <see cref="SecretScrubber"/>), shared by everything a run
/// writes or prints: recordings, reports, findings, provider error details and console output. It knows the configured
/// API keys and the values of secret-named environment variables, and text is scrubbed before it is ever shortened.
/// </summary>
public static class EvalSecrets
{
    /// <summary>The process-wide scrubber. Secrets are only ever added to it.</summary>
    public static SecretScrubber Scrubber { get; } = CreateScrubber();

    /// <summary>Registers the configured API key of <paramref name="options"/> and re-reads the environment.</summary>
    public static void Register(EvalProviderOptions? options)
    {
        Scrubber.AddSecret(options?.ApiKey);
        Scrubber.AddSecretsFromEnvironment();
    }

    /// <summary><see cref="SecretScrubber.Scrub"/> with the shared scrubber.</summary>
    public static string Scrub(string text) => Scrubber.Scrub(text);

    /// <summary>Scrubs, then shortens to at most <paramref name="maxLength"/> characters (never the other way round).</summary>
    public static string Shorten(string text, int maxLength) => Scrubber.ScrubAndShorten(text, maxLength);

    private static SecretScrubber CreateScrubber()
    {
        var scrubber = new SecretScrubber();
        scrubber.AddSecretsFromEnvironment();
        return scrubber;
    }
}
