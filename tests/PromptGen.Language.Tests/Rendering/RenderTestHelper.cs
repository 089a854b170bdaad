using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Semantics;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;
using PromptGen.Language.Values;

namespace PromptGen.Language.Tests.Rendering;

internal static class RenderTestHelper
{
    public static IReadOnlyList<PromptMessage> Render(string template, string inputJson = "{}", Dictionary<string, string>? partials = null,
        bool compat = false, IReadOnlyList<PromptMessage>? history = null, string? contextJson = null)
    {
        var parsed = TemplateParser.Parse(template);
        Assert.Empty(parsed.Diagnostics);
        var data = new RenderData
        {
            Input = PromptJson.Parse(inputJson),
            Context = contextJson is null ? null : PromptJson.Parse(contextJson),
            Messages = history,
        };
        var settings = new RenderSettings { Partials = partials is null ? null : PartialCatalog.FromTexts(partials), AllowMarkersFromInput = compat };
        return TemplateRenderer.Render(parsed.Template, data, settings);
    }

    /// <summary>The single user message's text, as the reference runtime would produce it.</summary>
    public static string RenderText(string template, string inputJson = "{}", Dictionary<string, string>? partials = null, string? contextJson = null)
    {
        var messages = Render(template, inputJson, partials, contextJson: contextJson);
        if (messages.Count == 0) return string.Empty;
        Assert.Single(messages);
        return string.Concat(messages[0].Content.Select(p => ((TextPart)p).Text));
    }

    public static string Json(IReadOnlyList<PromptMessage> messages) => PromptValue.Array(messages.Select(m => m.ToValue())).ToString();
}
