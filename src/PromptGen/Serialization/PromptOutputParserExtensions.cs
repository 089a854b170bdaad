using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace PromptGen.Serialization;

/// <summary>The <c>TryParse</c> shape of generated prompts whose output is a value type (an enum, a number, ...).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptOutputParserExtensions
{
    /// <summary>Parses model output leniently into a <see cref="System.Nullable{T}"/>; never throws.</summary>
    /// <typeparam name="T">The output value type.</typeparam>
    /// <param name="parser">The output's parser.</param>
    /// <param name="modelText">The model's answer.</param>
    /// <param name="value">The parsed value; null on failure.</param>
    /// <param name="report">Every repair applied, and the error on failure.</param>
    /// <returns>True when the output (repaired if needed) fits <typeparamref name="T"/>.</returns>
    public static bool TryParseNullable<T>(this PromptOutputParser<T> parser, string? modelText, [NotNullWhen(true)] out T? value, out PromptParseReport report)
        where T : struct
    {
        if (parser.TryParse(modelText, out var parsed, out report))
        {
            value = parsed;
            return true;
        }

        value = null;
        return false;
    }
}
