using PromptGen.Language.Binding;
using PromptGen.Language.Semantics;
using PromptGen.Language.Templates;

namespace PromptGen.LanguageServer.Features;

/// <summary>Which scope a position of a prompt's template is in, as the binder decided it.</summary>
internal static class ScopeLocator
{
    /// <summary>The scope of the innermost program around <paramref name="offset"/>; null when the prompt is not bound.</summary>
    public static TemplateScope? At(PromptSemantics semantics, int offset)
    {
        if (semantics.Binding is not { } binding) return null;
        TemplateScope? best = null;
        var bestLength = int.MaxValue;
        foreach (var program in TemplateWalker.Programs(semantics.Template.Body))
        {
            if (offset < program.Span.Start || offset > program.Span.End || program.Span.Length >= bestLength) continue;
            if (!binding.Scopes.TryGetValue(program, out var scope)) continue;
            best = scope;
            bestLength = program.Span.Length;
        }

        return best;
    }

    /// <summary>The scope a path is read in (the program it sits in), or null.</summary>
    public static TemplateScope? Of(TemplateBinding binding, TemplateProgram program) =>
        binding.Scopes.TryGetValue(program, out var scope) ? scope : null;

    /// <summary>
    /// The type a path's first <paramref name="count"/> segments name, read in <paramref name="scope"/> by Handlebars'
    /// rules (<c>@root</c>, <c>../</c>, block parameters, then the context); null where the schema declares nothing.
    /// </summary>
    public static SchemaNode? Resolve(TemplateScope scope, SchemaNode root, bool isData, int depth, IReadOnlyList<string> parts, int count)
    {
        SchemaNode? current;
        var start = 0;
        if (isData)
        {
            if (parts.Count == 0 || parts[0] != "root") return null;
            current = root;
            start = 1;
        }
        else if (parts.Count > 0 && depth == 0 && scope.BlockParameters.FirstOrDefault(p => p.Name == parts[0]) is { } parameter)
        {
            current = parameter.Type;
            start = 1;
        }
        else
        {
            var target = scope;
            for (var i = 0; i < depth && target is not null; i++) target = target.Parent;
            current = target?.Context;
        }

        for (var i = start; i < count && current is not null; i++) current = Member(current, parts[i]);
        return current;
    }

    /// <summary>A declared member (the binder reports everything else).</summary>
    public static SchemaNode? Member(SchemaNode owner, string name) => owner.Kind switch
    {
        SchemaKind.Object => owner.FindProperty(name)?.Type ?? owner.AdditionalProperties,
        SchemaKind.Map => owner.AdditionalProperties,
        SchemaKind.Array when int.TryParse(name, out _) => owner.Items,
        _ => null,
    };

    /// <summary>The declared property a path's segment names, when the owner is an object that declares it.</summary>
    public static SchemaProperty? Property(SchemaNode? owner, string name) => owner?.Kind == SchemaKind.Object ? owner.FindProperty(name) : null;
}
