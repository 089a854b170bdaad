using System.ComponentModel;

namespace PromptGen;

/// <summary>
/// What generated code of prompts with variants needs beyond <see cref="PromptRunner"/> (which runs a variant given its
/// call site, <see cref="Observation.PromptCallSite{TInput, TOutput}.ForVariant"/>).
/// </summary>
public static class PromptVariantRunner
{
    /// <summary>
    /// The exception for a variant name the prompt does not have (from <see cref="PromptRunOptions.Variant"/>), naming
    /// the ones it has.
    /// </summary>
    /// <param name="promptName">The prompt's name.</param>
    /// <param name="variant">The name that was asked for.</param>
    /// <param name="known">The prompt's variant names.</param>
    /// <returns>The exception to throw.</returns>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ArgumentException UnknownVariant(string promptName, string variant, IEnumerable<string> known) =>
        new($"The prompt '{promptName}' has no variant '{variant}'; its variants are: {string.Join(", ", known)} (or none for the base prompt).", nameof(PromptRunOptions.Variant));
}
