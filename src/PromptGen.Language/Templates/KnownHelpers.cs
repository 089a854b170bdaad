namespace PromptGen.Language.Templates;

/// <summary>The helpers a Dotprompt template may call: Handlebars' built-ins and Dotprompt's own.</summary>
public static class KnownHelpers
{
    /// <summary>Handlebars built-ins registered by Dotprompt's Handlebars instance.</summary>
    public static readonly IReadOnlyList<string> Handlebars = new[] { "if", "unless", "each", "with", "lookup", "log" };

    /// <summary>Helpers added by Dotprompt.</summary>
    public static readonly IReadOnlyList<string> Dotprompt = new[] { "role", "history", "section", "media", "json", "ifEquals", "unlessEquals" };

    /// <summary>Helpers that only make sense with a block (<c>{{#if}}...{{/if}}</c>); called inline they fail at run time.</summary>
    public static readonly IReadOnlyList<string> BlockOnly = new[] { "each", "if", "unless", "with", "ifEquals", "unlessEquals" };

    private static readonly HashSet<string> s_all = new(
        Handlebars.Concat(Dotprompt)
            // Handlebars registers these too; calling them directly is legal but pointless.
            .Concat(new[] { "helperMissing", "blockHelperMissing" }),
        StringComparer.Ordinal);

    public static IEnumerable<string> All => s_all;

    public static bool IsKnown(string name) => s_all.Contains(name);

    private static readonly string[] s_includeZero = { "includeZero" };
    private static readonly string[] s_jsonArguments = { "indent" };
    private static readonly string[] s_mediaArguments = { "url", "contentType" };

    /// <summary>
    /// The <c>key=value</c> arguments helper <paramref name="name"/> takes (<c>{{#if count includeZero=true}}</c>); empty
    /// for a helper that takes none. The checker reports any other key, and the editor offers these.
    /// </summary>
    public static IReadOnlyList<string> HashArguments(string name) => name switch
    {
        "if" or "unless" => s_includeZero,
        "json" => s_jsonArguments,
        "media" => s_mediaArguments,
        _ => Array.Empty<string>(),
    };

    /// <summary>
    /// The run-time error of a built-in block helper called with <paramref name="count"/> arguments, in the reference
    /// runtime's words; null when the count is right or the helper takes any number.
    /// </summary>
    public static string? ArgumentCountError(string name, int count) => name switch
    {
        "if" or "unless" or "with" when count != 1 => $"#{name} requires exactly one argument",
        "each" when count == 0 => "Must pass iterator to #each",
        "each" when count != 1 => "#each takes exactly one argument",
        "ifEquals" or "unlessEquals" when count != 2 => $"{name} takes exactly two values: {{{{#{name} a b}}}}...{{{{/{name}}}}}",
        _ => null,
    };

    /// <summary>Whether <paramref name="name"/> is one of <see cref="BlockOnly"/>.</summary>
    public static bool RequiresBlock(string name) => BlockOnly.Contains(name);
}
