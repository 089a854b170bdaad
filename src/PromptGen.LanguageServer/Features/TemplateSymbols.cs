using PromptGen.Language.Binding;
using PromptGen.Language.Semantics;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;

namespace PromptGen.LanguageServer.Features;

/// <summary>One segment of a path in a template, with what it refers to.</summary>
/// <param name="Path">The path expression.</param>
/// <param name="Index">The segment's index in <see cref="PathExpression.Parts"/>.</param>
/// <param name="Span">Where the segment is written.</param>
/// <param name="Owner">The type whose member the segment names (null when unknown).</param>
/// <param name="Type">The type the path has up to this segment (null when undeclared).</param>
/// <param name="Field">The declared field, when the owner is an object that declares it.</param>
/// <param name="IsRootField">True when the segment is a top-level input field (read on the input itself).</param>
internal sealed record PathSymbol(PathExpression Path, int Index, SourceSpan Span, SchemaNode? Owner, SchemaNode? Type, SchemaProperty? Field, bool IsRootField);

/// <summary>The path segments of a template resolved through the binder's scopes.</summary>
internal static class TemplateSymbols
{
    public static IEnumerable<PathSymbol> Paths(Template template, TemplateBinding binding, SchemaNode root)
    {
        foreach (var scoped in TemplateWalker.Walk(template.Body))
        {
            if (scoped.Node is not PathExpression path || path.Parts.Count == 0) continue;
            if (ScopeLocator.Of(binding, scoped.Program) is not { } scope) continue;
            var first = path.IsData ? 1 : path.HeadIsBlockParameter ? 1 : 0;
            if (path.IsData && path.Parts[0] != "root") continue;
            for (var i = first; i < path.Parts.Count; i++)
            {
                var owner = ScopeLocator.Resolve(scope, root, path.IsData, path.Depth, path.Parts, i);
                var field = ScopeLocator.Property(owner, path.Parts[i]);
                var type = owner is null ? null : ScopeLocator.Member(owner, path.Parts[i]);
                var span = PathSegments.Locate(template, path, i);
                yield return new PathSymbol(path, i, span, owner, type, field, field is not null && ReferenceEquals(owner, root));
            }
        }
    }

    public static PathSymbol? At(Template template, TemplateBinding binding, SchemaNode root, int offset)
    {
        foreach (var symbol in Paths(template, binding, root))
        {
            if (offset >= symbol.Span.Start && offset <= symbol.Span.End) return symbol;
        }

        return null;
    }

    /// <summary>The partial statement whose name is at <paramref name="offset"/>.</summary>
    public static (string Name, SourceSpan Span)? PartialAt(Template template, int offset)
    {
        foreach (var scoped in TemplateWalker.Walk(template.Body))
        {
            var (name, expression) = scoped.Node switch
            {
                PartialStatement p => (p.StaticName, p.Name),
                PartialBlockStatement b => (b.StaticName, b.Name),
                _ => (null, null),
            };
            if (name is null || expression is null) continue;
            if (offset >= expression.Span.Start && offset <= expression.Span.End) return (name, expression.Span);
        }

        return null;
    }
}
