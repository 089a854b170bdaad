using System.Text.RegularExpressions;

namespace PromptGen.Security;

/// <summary>
/// What a secret looks like without knowing it: credential headers, authorization schemes, well-known key formats,
/// secret-named assignments and private key blocks. One pattern with one alternative per shape, so text is scanned once.
/// </summary>
internal static partial class SecretPatterns
{
    // Header names whose whole value is a credential. The value runs to the end of the line (or a closing quote):
    // "Authorization: Bearer x", "Authorization: SharedKey account:signature", "Cookie: a=1; b=2".
    private const string CredentialHeaders =
        @"proxy-authorization|authorization|x-api-key|api-key|x-goog-api-key|ocp-apim-subscription-key|x-auth-token|set-cookie|cookie";

    // Names whose value, up to a separator, is a secret: api_key=..., "client_secret": "...", Password=...;
    private const string SecretNames =
        @"(?:x-)?api[-_]?key|api[-_]?secret|access[-_]?token|refresh[-_]?token|id[-_]?token|auth[-_]?token|session[-_]?token" +
        @"|client[-_]?secret|secret[-_]?key|private[-_]?key|account[-_]?key|shared[-_]?access[-_]?key|password|passwd|pwd|secret";

    // Quotes (JSON, possibly escaped inside another string) and the separator between a name and its value.
    private const string Separator = @"\\?[""']?[ \t]*[:=][ \t]*\\?[""']?";

    // One constant, so that on .NET the regex source generator compiles it at build time: the interpreter spent most
    // of an eval run's report writing here, and RegexOptions.Compiled would pay the compilation in every new process
    // (only texts large enough to repay it get a compiled instance, see PatternFor).
    private const string PatternText =
        @"-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY-----|$)" +
        // No word boundary before a header name: "xAuthorization: ..." is still a credential.
        @"|(?<keep>(?:" + CredentialHeaders + ")" + Separator + @")(?<value>[^\r\n""\\]*[^\s""\\])" +
        @"|(?<keep>\b(?:" + SecretNames + ")" + Separator + @")(?<value>[^\s""',;&}\\]{6,})" +
        @"|(?<keep>\b(?<scheme>bearer|basic)[ \t]+)(?<value>[A-Za-z0-9\-._~+/]{8,}=*)" +
        @"|\bsk-[A-Za-z0-9_\-]{16,}" +
        @"|\bAIza[0-9A-Za-z\-_]{30,}" +
        @"|\bgh[pousr]_[A-Za-z0-9]{30,}" +
        @"|\bgithub_pat_[A-Za-z0-9_]{40,}" +
        @"|\bxox[abprs]-[A-Za-z0-9\-]{10,}" +
        @"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b" +
        @"|\bhf_[A-Za-z0-9]{30,}" +
        @"|\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]+" +
        @"|(?<keep>\bsig=)(?<value>[A-Za-z0-9%+/=]{16,})";

    private const RegexOptions PatternOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int PatternTimeoutMilliseconds = 5000;

#if NET7_0_OR_GREATER
    [GeneratedRegex(PatternText, PatternOptions, PatternTimeoutMilliseconds)]
    private static partial Regex GeneratedPattern();

    private static readonly Regex Pattern = GeneratedPattern();

    // Once a process has scanned 64 K characters (one large text such as an eval run's whole report, or many small
    // ones such as the fields of its results), a compiled instance of the same pattern is built on a thread-pool thread
    // and scans every text from then on: its code is optimized from its first call, while the source-generated code
    // runs unoptimized until tiered compilation promotes it, which in a short process is most of such a scan (a cold
    // eval run of 1,000 cases: about a third less time, docs/benchmarks.md). A process that scrubs a little never pays
    // for compiling it, and no caller waits for the compilation.
    private const int CompiledPatternAfterChars = 64 * 1024;
    private static long s_scannedChars;
    private static int s_compiling;
    private static Regex? s_compiledPattern;

    private static Regex PatternFor(string text)
    {
        if (Volatile.Read(ref s_compiledPattern) is { } compiled) return compiled;
        if (Interlocked.Add(ref s_scannedChars, text.Length) >= CompiledPatternAfterChars &&
            System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled &&
            Interlocked.Exchange(ref s_compiling, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ => CompilePattern(), null);
        }

        return Pattern;
    }

    /// <summary>The source-generated instance (what small texts in a new process are scanned with).</summary>
    internal static Regex SourceGeneratedPattern => Pattern;

    /// <summary>A compiled instance of the same pattern and options (what texts are scanned with once it is built).</summary>
    internal static Regex NewCompiledPattern() =>
        new(PatternText, PatternOptions | RegexOptions.Compiled, TimeSpan.FromMilliseconds(PatternTimeoutMilliseconds));

    private static void CompilePattern()
    {
        try
        {
            Volatile.Write(ref s_compiledPattern, NewCompiledPattern());
        }
        catch (Exception)
        {
            // Not expected (the pattern is the one the generator compiled); the source-generated instance goes on serving.
        }
    }
#else
    private static readonly Regex Pattern = new(PatternText, PatternOptions, TimeSpan.FromMilliseconds(PatternTimeoutMilliseconds));

    private static Regex PatternFor(string text) => Pattern;
#endif

    private static readonly Regex SecretVariableName = new(
        "KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|CONNECTION_?STRING",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly MatchEvaluator Replace = match =>
    {
        var keep = match.Groups["keep"];
        if (!keep.Success)
            return SecretScrubber.Redacted;
        // "Bearer tokens" or "basic understanding" is prose: a credential has a digit, a capital or a symbol in it.
        if (match.Groups["scheme"].Success && !LooksLikeCredential(match.Groups["value"].Value))
            return match.Value;
        return keep.Value + SecretScrubber.Redacted;
    };

    public static string Scrub(string text) => Scrub(text, PatternFor(text));

    /// <summary><see cref="Scrub(string)"/> with the given instance of the pattern.</summary>
    internal static string Scrub(string text, Regex pattern)
    {
        try
        {
            return pattern.Replace(text, Replace);
        }
        catch (RegexMatchTimeoutException)
        {
            // Fail closed: text that cannot be checked is not let through.
            return SecretScrubber.Redacted;
        }
    }

    public static bool IsSecretVariableName(string name)
    {
        if (name is null)
            throw new ArgumentNullException(nameof(name));
        return SecretVariableName.IsMatch(name);
    }

    private static bool LooksLikeCredential(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsDigit(c) || (i > 0 && char.IsUpper(c)) || c is '-' or '.' or '_' or '~' or '+' or '/' or '=')
                return true;
        }

        return false;
    }
}
