using PromptGen.Evals.Files;

namespace PromptGen.Evals.Baselines;

/// <summary>Reads and writes baseline files next to their eval files.</summary>
public static class BaselineStore
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the baseline at <paramref name="baselinePath"/>, or returns <c>null</c> when there is none.</summary>
    /// <exception cref="BaselineFormatException">The file exists but is not a valid baseline (with line and column).</exception>
    public static Baseline? TryRead(string baselinePath)
    {
        if (!File.Exists(baselinePath)) return null;
        string text;
        try
        {
            text = File.ReadAllText(baselinePath, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            throw new BaselineFormatException(baselinePath, 1, 1, "the file is not valid UTF-8.");
        }

        return BaselineSerializer.Parse(text, baselinePath);
    }

    /// <summary>
    /// Writes <paramref name="baseline"/> when <paramref name="update"/> is true (the baseline changes only on an explicit
    /// update, which the runner decides); returns whether it wrote. The write is atomic (<see cref="AtomicFile"/>): a
    /// failed write leaves the old baseline intact.
    /// </summary>
    public static bool Write(string baselinePath, Baseline baseline, bool update) =>
        Write(baselinePath, baseline, update, beforeReplace: null);

    /// <summary>Test seam: <paramref name="beforeReplace"/> runs after the temporary file is written, before the move.</summary>
    internal static bool Write(string baselinePath, Baseline baseline, bool update, Action<string>? beforeReplace)
    {
        ArgumentNullException.ThrowIfNull(baselinePath);
        ArgumentNullException.ThrowIfNull(baseline);
        if (!update) return false;

        return AtomicFile.Write(baselinePath, Utf8NoBom.GetBytes(BaselineSerializer.Serialize(baseline)), overwrite: true, beforeReplace);
    }
}
