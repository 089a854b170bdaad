namespace PromptGen.Tools;

/// <summary>
/// Marks a method as a tool that prompts can declare in their frontmatter (<c>tools: [lookupOrder]</c>). The source
/// generator resolves each declared name to the one method marked with that tool name in the same compilation and
/// generates an <c>AIFunction</c> for it: its JSON schema and argument binding are generated code, with no reflection
/// at run time.
/// </summary>
/// <remarks>
/// The method may be static or an instance method; for an instance method the generated prompt call takes the object
/// to call it on as an argument. Parameters and the return value must have a JSON Schema mapping (strings, numbers,
/// booleans, enums, <c>Guid</c>, dates, <c>JsonElement</c>, and arrays or read-only lists of those); a
/// <c>CancellationToken</c> parameter receives the call's token. <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c>
/// and <c>ValueTask&lt;T&gt;</c> returns are awaited.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PromptToolAttribute : Attribute
{
    /// <summary>A tool named after the method: its name in camelCase (<c>LookupOrder</c> → <c>lookupOrder</c>).</summary>
    public PromptToolAttribute()
    {
    }

    /// <summary>A tool with an explicit name, as prompts declare it under <c>tools:</c> and as the model sees it.</summary>
    /// <param name="name">The tool name: letters, digits, <c>_</c> and <c>-</c>, at most 64 characters.</param>
    public PromptToolAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The tool name; null for the method's name in camelCase.</summary>
    public string? Name { get; }

    /// <summary>What the tool does, for the model; when unset, the method's XML documentation summary is used.</summary>
    public string? Description { get; set; }
}
