using PromptGen.Evals.Security;

namespace PromptGen.Evals.Reports;

/// <summary>Makes arbitrary model text safe to put in XML (which cannot hold most control characters at all).</summary>
internal static class TextSanitizer
{
    public const char Replacement = '\uFFFD';

    /// <summary>Replaces characters XML 1.0 forbids (C0 controls except tab/newline/return, lone surrogates, U+FFFE/U+FFFF).</summary>
    public static string ForXml(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = c switch
            {
                '\t' or '\n' or '\r' => true,
                < ' ' => false,
                '\uFFFE' or '\uFFFF' => false,
                _ when char.IsHighSurrogate(c) => i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]),
                _ when char.IsLowSurrogate(c) => i > 0 && char.IsHighSurrogate(text[i - 1]),
                _ => true,
            };
            if (ok && builder is null) continue;
            builder ??= new StringBuilder(text, 0, i, text.Length);
            builder.Append(ok ? c : Replacement);
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>Scrubs secrets, then shortens to at most <paramref name="max"/> characters on one line.</summary>
    public static string OneLine(string text, int max)
    {
        var line = text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
        return EvalSecrets.Shorten(line, max);
    }
}
