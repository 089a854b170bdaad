namespace PromptGen.Language.Naming;

/// <summary>The C# names a prompt's name maps to by convention (overrides aside).</summary>
public static class PromptNames
{
    /// <summary>The suffix of every generated prompt class.</summary>
    public const string ClassSuffix = "Prompt";

    /// <summary>The generated class of a prompt: <c>triage_ticket</c> → <c>TriageTicketPrompt</c>.</summary>
    public static string ClassName(string promptName) => IdentifierNames.ToPascalCase(promptName) + ClassSuffix;

    /// <summary>The generated class, honouring a <c>csharp.class</c> override when it is a valid identifier.</summary>
    public static string ClassName(string promptName, string? classOverride)
    {
        var trimmed = classOverride?.Trim();
        return trimmed is { Length: > 0 } && IdentifierNames.IsValidIdentifier(IdentifierNames.Unescape(trimmed))
            ? IdentifierNames.Unescape(trimmed)
            : ClassName(promptName);
    }
}
