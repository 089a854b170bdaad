namespace PromptGen.Generator.Models;

/// <summary>One assignment in the generated <c>CreateOptions()</c>, as C# source for the value.</summary>
/// <param name="Key">A <c>ChatOptions</c> property name, or the key in <c>AdditionalProperties</c>.</param>
/// <param name="ValueExpression">A C# expression producing the value.</param>
internal sealed record OptionAssignment(string Key, string ValueExpression);

/// <summary>What <c>CreateOptions()</c> sets: frontmatter <c>model</c> and <c>config</c>.</summary>
internal sealed record ChatOptionsModel(
    string? ModelId,
    EquatableArray<OptionAssignment> Properties,
    EquatableArray<OptionAssignment> AdditionalProperties);
