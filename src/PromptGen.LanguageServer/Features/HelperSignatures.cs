using PromptGen.Language.Templates;

namespace PromptGen.LanguageServer.Features;

/// <summary>How each known helper is called, for completion and hover (the names come from the language core's KnownHelpers).</summary>
internal static class HelperSignatures
{
    private static readonly Dictionary<string, (string Signature, string Documentation)> s_signatures = new()
    {
        ["if"] = ("{{#if value}}...{{else}}...{{/if}}", "Renders the block when the value is truthy (JavaScript truthiness)."),
        ["unless"] = ("{{#unless value}}...{{/unless}}", "Renders the block when the value is falsy."),
        ["each"] = ("{{#each list as |item index|}}...{{/each}}", "Renders the block once per item of a list or entry of a map; `this` is the item, `@index`, `@key`, `@first`, `@last` describe it."),
        ["with"] = ("{{#with object}}...{{/with}}", "Renders the block with the object as the context."),
        ["lookup"] = ("{{lookup object key}}", "The member `key` of `object` (a name or an index)."),
        ["log"] = ("{{log value}}", "Writes the value to the log; renders nothing."),
        ["role"] = ("{{role \"system\"}}", "Starts a message with the role `system`, `user` or `model`."),
        ["history"] = ("{{history}}", "Inserts the conversation history passed at render time."),
        ["section"] = ("{{section \"name\"}}", "Marks where a named section (for example `output`) goes."),
        ["media"] = ("{{media url=value contentType=\"image/png\"}}", "Inserts a media part (image, audio, document) from a URL or data: URI."),
        ["json"] = ("{{json value indent=2}}", "Prints the value as JSON."),
        ["ifEquals"] = ("{{#ifEquals a b}}...{{/ifEquals}}", "Renders the block when `a === b`."),
        ["unlessEquals"] = ("{{#unlessEquals a b}}...{{/unlessEquals}}", "Renders the block when `a !== b`."),
    };

    // The roles the checker accepts, quoted as they are written.
    private static readonly string[] s_roleLiterals = TemplateAnalyzer.KnownRoles.Select(role => $"\"{role}\"").ToArray();

    /// <summary>Literal first arguments a helper expects (role names for <c>role</c>).</summary>
    public static IReadOnlyList<string> LiteralArguments(string helper) => helper switch
    {
        "role" => s_roleLiterals,
        "section" => new[] { "\"output\"" },
        _ => System.Array.Empty<string>(),
    };

    public static (string Signature, string Documentation)? Of(string helper) => s_signatures.TryGetValue(helper, out var found) ? found : null;
}
