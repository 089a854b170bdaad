namespace PromptGen.Language.Rendering;

/// <summary>
/// Rendering would produce more text than PromptGen allows for one prompt (<see cref="MaxOutputLength"/> UTF-16 units).
/// Templates can grow their output exponentially (a partial that includes the next one twice, nested <c>json</c>
/// calls); this stops them with a clear message instead of exhausting memory or never finishing.
/// </summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
sealed class RenderLimitException : InvalidOperationException
{
    /// <summary>The most text one rendered prompt, or one <c>json</c> value in it, may hold: 16 Mi UTF-16 units.</summary>
    public const int MaxOutputLength = 16 * 1024 * 1024;

    public RenderLimitException(string what)
        : base($"The rendered prompt is too large: {what} exceeds {MaxOutputLength:N0} characters. A partial that includes another one several times, or nested json helpers, can double the output at every level.")
    {
    }

    /// <summary>Throws when <paramref name="length"/> is over the limit.</summary>
    public static void Check(long length, string what)
    {
        if (length > MaxOutputLength) throw new RenderLimitException(what);
    }
}
