using PromptGen.Language.Diagnostics;
using PromptGen.Language.Semantics;
using PromptGen.Language.Templates;

namespace PromptGen.Language.Binding;

/// <summary>The result of binding a template to its input schema: the type of every path and the diagnostics found.</summary>
public sealed class TemplateBinding
{
    internal TemplateBinding(SchemaNode? inputType, IReadOnlyDictionary<PathExpression, SchemaNode> types,
        IReadOnlyCollection<string> usedInputFields, IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        InputType = inputType;
        PathTypes = types;
        UsedInputFields = usedInputFields;
        Diagnostics = diagnostics;
    }

    /// <summary>The input type, or null when the prompt has no input schema (nothing is checked then).</summary>
    public SchemaNode? InputType { get; }

    /// <summary>The static type of each value path of the template and of the partials it includes (keyed by node identity).</summary>
    public IReadOnlyDictionary<PathExpression, SchemaNode> PathTypes { get; }

    /// <summary>Top-level input fields the template reads.</summary>
    public IReadOnlyCollection<string> UsedInputFields { get; }

    /// <summary>PG0203, PG0204 and PG0209.</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    /// <summary>
    /// The scope of each program of the template and of the partials it includes (the first context a partial was bound
    /// in), keyed by node identity: what a name means at a position.
    /// </summary>
    public IReadOnlyDictionary<TemplateProgram, TemplateScope> Scopes { get; internal set; } = new Dictionary<TemplateProgram, TemplateScope>();

    public SchemaNode TypeOf(PathExpression path) => PathTypes.TryGetValue(path, out var type) ? type : SchemaNode.Any;
}
