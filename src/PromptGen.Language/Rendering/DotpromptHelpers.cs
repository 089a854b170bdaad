using System.Globalization;
using PromptGen.Language.Values;

namespace PromptGen.Language.Rendering;

/// <summary>
/// The value-level behaviour of Dotprompt's helpers and Handlebars' partial hash, shared as source by the run-time
/// renderer and by the support library that generated render code calls, so both produce the same output.
/// </summary>
internal static class DotpromptHelpers
{
    public static SafeMarkup Role(object? name)
    {
        var text = JsValues.ToJsString(name);
        var marker = new DotpromptMarker(MarkerKind.Role, "role:" + text);
        var output = new RenderOutput();

        // Only names the reference runtime recognises ([a-z]+) start a message; others stay text, as there.
        if (IsRoleName(text)) output.Append(marker);
        else output.Append(marker.ReferenceText);
        return new SafeMarkup(output);
    }

    /// <summary>
    /// The reference's role-name test, <c>^[a-z]+$</c>: one or more lowercase ASCII letters (a regular expression's
    /// <c>$</c> also allows one final line feed). Written out so no regular expression is built in a compiler process.
    /// </summary>
    public static bool IsRoleName(string text)
    {
        var length = text.Length > 0 && text[text.Length - 1] == '\n' ? text.Length - 1 : text.Length;
        if (length == 0) return false;
        for (var i = 0; i < length; i++)
        {
            if (text[i] < 'a' || text[i] > 'z') return false;
        }

        return true;
    }

    public static SafeMarkup History() => Single(new DotpromptMarker(MarkerKind.History, "history"));

    public static SafeMarkup Section(object? name) => Single(new DotpromptMarker(MarkerKind.Section, "section " + JsValues.ToJsString(name)));

    public static SafeMarkup Media(object? url, object? contentType)
    {
        var body = "media:url " + JsValues.ToJsString(url) + (JsValues.IsTruthy(contentType) ? " " + JsValues.ToJsString(contentType) : string.Empty);
        return Single(new DotpromptMarker(MarkerKind.Media, body));
    }

    public static SafeMarkup Json(object? value, object? indent)
    {
        if (!JsValues.IsTruthy(indent)) indent = PromptValue.Number(0);
        return JsonMarkup(JsValues.JsonStringify(value, indent));
    }

    /// <summary>What the <c>json</c> helper returns for the text JSON.stringify gave (null: undefined).</summary>
    public static SafeMarkup JsonMarkup(string? json)
    {
        var output = new RenderOutput();

        // JSON.stringify(undefined) is undefined, which a SafeString prints as "undefined".
        output.Append(json ?? "undefined");
        return new SafeMarkup(output);
    }

    /// <summary>Handlebars' <c>extend({}, context, hash)</c> for partial hash arguments.</summary>
    public static PromptValue ExtendWithHash(object? context, IEnumerable<KeyValuePair<string, object?>> hash)
    {
        var properties = new List<KeyValuePair<string, PromptValue>>();
        switch (context)
        {
            case PromptValue { Kind: PromptValueKind.Object } obj:
                properties.AddRange(JsValues.OrderedProperties(obj));
                break;
            case PromptValue { Kind: PromptValueKind.Array } array:
                for (var i = 0; i < array.Items.Count; i++) properties.Add(new KeyValuePair<string, PromptValue>(i.ToString(CultureInfo.InvariantCulture), array.Items[i]));
                break;
            case PromptValue { Kind: PromptValueKind.String } text:
                for (var i = 0; i < text.AsString.Length; i++) properties.Add(new KeyValuePair<string, PromptValue>(i.ToString(CultureInfo.InvariantCulture), PromptValue.String(text.AsString[i].ToString())));
                break;
        }

        foreach (var pair in hash)
        {
            var converted = pair.Value switch
            {
                PromptValue v => v,
                SafeMarkup markup => PromptValue.String(markup.Content.ToReferenceText()),
                RenderOutput output => PromptValue.String(output.ToReferenceText()),
                _ => null,
            };
            if (converted is not null) properties.Add(new KeyValuePair<string, PromptValue>(pair.Key, converted));
        }

        return PromptValue.Object(properties);
    }

    private static SafeMarkup Single(DotpromptMarker marker)
    {
        var output = new RenderOutput();
        output.Append(marker);
        return new SafeMarkup(output);
    }
}
