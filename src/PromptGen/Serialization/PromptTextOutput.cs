using System.ComponentModel;
using PromptGen.Catalog;

namespace PromptGen.Serialization;

/// <summary>The output of generated prompts whose output is text: the model's answer as it is.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptTextOutput
{
    /// <summary>Takes the model's text as the value (empty for none); always succeeds with a clean report.</summary>
    public static PromptOutputReader<string> Reader { get; } = Read;

    /// <summary>The model's text as a JSON string, for untyped callers such as eval runners.</summary>
    /// <param name="modelText">The model's answer.</param>
    /// <returns>A successful result holding the text as JSON.</returns>
    public static PromptJsonParseResult ParseToJson(string modelText) =>
        new(true, JsonText.Write<string?>(modelText, JsonWrite.NullableString), PromptParseReport.Clean);

    private static bool Read(string modelText, out string value, out PromptParseReport report)
    {
        value = modelText ?? string.Empty;
        report = PromptParseReport.Clean;
        return true;
    }
}
