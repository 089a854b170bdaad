using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using PromptGen.Generator.Models;
using LanguageDescriptors = PromptGen.Language.Diagnostics.DiagnosticDescriptors;

namespace PromptGen.Generator.Tools;

/// <summary>
/// The tool-symbol step: reads each method marked <c>[PromptTool]</c> into a <see cref="ToolMethodModel"/> (name,
/// description, parameters and return mapped to JSON, and what stops it from being a tool), and collects them into the
/// compilation's <see cref="ToolCatalog"/>. The only place the generator looks at C# symbols.
/// </summary>
internal static class ToolSymbols
{
    public const string AttributeName = "PromptGen.Tools.PromptToolAttribute";

    // OpenAI's rule for function names; other providers accept a subset of it.
    private static readonly Regex s_validName = new("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant);

    public static ToolMethodModel? Describe(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method) return null;
        cancellationToken.ThrowIfCancellationRequested();
        var attribute = context.Attributes.FirstOrDefault();
        var problems = new List<ToolProblem>();

        var explicitName = attribute?.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
        var toolName = explicitName ?? CamelCase(method.Name);
        if (!s_validName.IsMatch(toolName))
        {
            problems.Add(new ToolProblem(LanguageDescriptors.InvalidToolName.Id,
                $"The tool name '{toolName}' of {Display(method)} is not valid: use 1 to 64 letters, digits, '_' or '-'."));
        }

        var docs = DocComment.Read(context.TargetNode);
        var description = attribute?.NamedArguments.FirstOrDefault(a => a.Key == "Description").Value.Value as string ?? docs.Summary ?? string.Empty;

        CheckCallable(method, problems);
        var parameters = new List<ToolParameterModel>();
        foreach (var parameter in method.Parameters)
        {
            parameters.Add(DescribeParameter(method, parameter, docs, problems));
        }

        var (returnType, returnsVoid, returnKind) = DescribeReturn(method, problems);
        var containing = method.ContainingType;
        var location = method.Locations.FirstOrDefault(l => l.IsInSource);
        var declaredAt = location is null ? Display(method) : $"{System.IO.Path.GetFileName(location.SourceTree?.FilePath ?? string.Empty)}({location.GetLineSpan().StartLinePosition.Line + 1},{location.GetLineSpan().StartLinePosition.Character + 1})";

        return new ToolMethodModel(
            toolName,
            method.Name,
            containing.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            containing.Name,
            method.IsStatic,
            IsPublic(containing),
            description,
            parameters.ToEquatableArray(),
            returnType,
            returnsVoid,
            returnKind,
            declaredAt,
            problems.ToEquatableArray());
    }

    /// <summary>The catalog: every tool method, ordered so generated output does not depend on discovery order.</summary>
    public static ToolCatalog Collect(ImmutableArray<ToolMethodModel?> methods) => new(methods
        .Where(m => m is not null)
        .Select(m => m!)
        .OrderBy(m => m.ToolName, StringComparer.Ordinal)
        .ThenBy(m => m.ContainingType, StringComparer.Ordinal)
        .ThenBy(m => m.DeclaredAt, StringComparer.Ordinal)
        .ToEquatableArray());

    /// <summary><c>LookupOrder</c> → <c>lookupOrder</c>; a leading run of capitals is lowered as one (<c>URLFor</c> → <c>urlFor</c>).</summary>
    internal static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0])) return name;
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
        {
            if (i > 0 && i + 1 < chars.Length && char.IsLower(chars[i + 1])) break;
            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    private static void CheckCallable(IMethodSymbol method, List<ToolProblem> problems)
    {
        string? reason = null;
        if (method.IsGenericMethod) reason = "it is generic";
        else if (method.MethodKind != MethodKind.Ordinary) reason = "it is not an ordinary method";
        else if (!IsReachable(method)) reason = "it is private or protected (make it internal or public)";
        else if (method.ContainingType is { } type && Containers(type).Any(t => t.IsGenericType)) reason = "its type is generic";
        else if (method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out)) reason = "it has a ref or out parameter";
        if (reason is not null)
        {
            problems.Add(new ToolProblem(LanguageDescriptors.ToolMethodNotCallable.Id, $"{Display(method)} cannot be called by the generated tool function: {reason}."));
        }
    }

    private static ToolParameterModel DescribeParameter(IMethodSymbol method, IParameterSymbol parameter, DocComment docs, List<ToolProblem> problems)
    {
        if (parameter.Type.ToDisplayString() == "System.Threading.CancellationToken")
        {
            return new ToolParameterModel(parameter.Name, null, true, false, null, null);
        }

        var type = ToolTypeMapper.Map(parameter.Type, forParameter: true);
        if (type is null)
        {
            problems.Add(new ToolProblem(LanguageDescriptors.ToolParameterUnmappable.Id,
                $"The parameter '{parameter.Name}' of {Display(method)} has type {parameter.Type.ToDisplayString()}, which has no JSON Schema mapping. " +
                "Use a string, number, boolean, enum, Guid, DateTime, DateTimeOffset, JsonElement, or an array or IReadOnlyList of those."));
        }

        var description = parameter.GetAttributes()
            .FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute")?
            .ConstructorArguments.FirstOrDefault().Value as string ?? docs.Param(parameter.Name);
        var defaultExpression = parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter) : null;
        var required = !parameter.HasExplicitDefaultValue && !(type?.IsNullable ?? false);
        return new ToolParameterModel(parameter.Name, type, false, required, defaultExpression, description);
    }

    private static (ToolTypeModel? Type, bool Void, ToolReturnKind Kind) DescribeReturn(IMethodSymbol method, List<ToolProblem> problems)
    {
        var returnType = method.ReturnType;
        var kind = ToolReturnKind.Value;
        if (returnType is INamedTypeSymbol named)
        {
            var definition = named.ConstructedFrom.ToDisplayString();
            if (definition is "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask") return (null, true, definition.EndsWith("ValueTask", StringComparison.Ordinal) ? ToolReturnKind.ValueTask : ToolReturnKind.Task);
            if (definition is "System.Threading.Tasks.Task<TResult>" or "System.Threading.Tasks.ValueTask<TResult>")
            {
                kind = definition.StartsWith("System.Threading.Tasks.ValueTask", StringComparison.Ordinal) ? ToolReturnKind.ValueTask : ToolReturnKind.Task;
                returnType = named.TypeArguments[0];
            }
        }

        if (returnType.SpecialType == SpecialType.System_Void) return (null, true, kind);
        var mapped = ToolTypeMapper.Map(returnType, forParameter: false);
        if (mapped is null)
        {
            problems.Add(new ToolProblem(LanguageDescriptors.ToolReturnUnmappable.Id,
                $"{Display(method)} returns {returnType.ToDisplayString()}, which has no JSON Schema mapping. " +
                "Return a string, number, boolean, enum, Guid, DateTime, DateTimeOffset, JsonElement, a sequence of those, or nothing."));
        }

        return (mapped, false, kind);
    }

    private static string? DefaultLiteral(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        var type = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return value switch
        {
            null => "default",
            string text => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true),
            bool flag => flag ? "true" : "false",
            char c => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(c, quote: true),
            _ when parameter.Type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum || (parameter.Type is INamedTypeSymbol { IsGenericType: true } n && n.TypeArguments[0].TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum)
                => $"({type}){Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}",
            float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "F",
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "M",
            long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
            _ => $"({type}){Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}",
        };
    }

    private static bool IsReachable(IMethodSymbol method) =>
        method.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal
        && Containers(method.ContainingType).All(t => t.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal);

    private static bool IsPublic(INamedTypeSymbol type) => Containers(type).All(t => t.DeclaredAccessibility == Accessibility.Public);

    private static IEnumerable<INamedTypeSymbol> Containers(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType) yield return current;
    }

    private static string Display(IMethodSymbol method) => $"'{method.ContainingType.Name}.{method.Name}'";

    /// <summary>The summary and parameter texts of a method's <c>///</c> comment, read from its syntax (so it works whatever the documentation mode).</summary>
    private sealed class DocComment
    {
        private readonly XElement? _root;

        private DocComment(XElement? root) => _root = root;

        public string? Summary => Text(_root?.Element("summary"));

        public string? Param(string name) => Text(_root?.Elements("param").FirstOrDefault(p => (string?)p.Attribute("name") == name));

        public static DocComment Read(SyntaxNode node)
        {
            var lines = node.GetLeadingTrivia().ToFullString().Replace("\r\n", "\n").Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("///", StringComparison.Ordinal))
                .Select(l => l.Substring(3))
                .ToList();
            if (lines.Count == 0) return new DocComment(null);
            try
            {
                return new DocComment(XElement.Parse("<doc>" + string.Join("\n", lines) + "</doc>"));
            }
            catch (XmlException)
            {
                return new DocComment(null);
            }
        }

        private static string? Text(XElement? element)
        {
            if (element is null) return null;
            var parts = element.Nodes().Select(n => n switch
            {
                XText text => text.Value,
                XElement { Name.LocalName: "see" or "seealso" } see => ((string?)see.Attribute("langword") ?? LastSegment((string?)see.Attribute("cref")) ?? see.Value),
                XElement { Name.LocalName: "paramref" or "typeparamref" } reference => (string?)reference.Attribute("name") ?? string.Empty,
                XElement other => other.Value,
                _ => string.Empty,
            });
            var text = Regex.Replace(string.Concat(parts), @"\s+", " ").Trim();
            return text.Length == 0 ? null : text;
        }

        private static string? LastSegment(string? cref)
        {
            if (cref is null) return null;
            var name = cref.Substring(cref.IndexOf(':') + 1);
            var paren = name.IndexOf('(');
            if (paren >= 0) name = name.Substring(0, paren);
            return name.Substring(name.LastIndexOf('.') + 1);
        }
    }
}
