using PromptGen.Generator.Models;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Naming;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Naming;

/// <summary>
/// Decides the namespace, class and method names of one prompt. Overrides win in this order:
/// MSBuild item metadata, then the <c>csharp.class</c>/<c>csharp.namespace</c> frontmatter keys, then the
/// conventions (class = PascalCase(name) + <c>Prompt</c>, namespace = root namespace + folder path).
/// </summary>
internal static class PromptNaming
{
    private const string ClassSuffix = PromptNames.ClassSuffix;

    public static PromptIdentity Resolve(
        PromptSemantics semantics,
        PromptItemOptions itemOptions,
        ProjectOptions projectOptions,
        List<DiagnosticInfo> diagnostics)
    {
        var path = semantics.Path;
        var metadata = semantics.Metadata;
        var promptName = semantics.Name;
        var nameLocation = metadata.Name is null ? LocationInfo.FileStart(path) : Locate(semantics, "name") ?? LocationInfo.FileStart(path);
        var classOverride = Extension(semantics, "class");
        var namespaceOverride = Extension(semantics, "namespace");

        string className;
        var location = nameLocation;
        if (!string.IsNullOrWhiteSpace(itemOptions.ClassName))
        {
            className = ExplicitIdentifier(itemOptions.ClassName!.Trim(), "PromptGenClassName metadata", LocationInfo.FileStart(path), diagnostics);
            location = LocationInfo.FileStart(path);
        }
        else if (!string.IsNullOrWhiteSpace(classOverride))
        {
            location = Locate(semantics, "csharp.class") ?? LocationInfo.FileStart(path);
            className = ExplicitIdentifier(classOverride!.Trim(), "csharp.class", location, diagnostics);
        }
        else
        {
            className = PromptNames.ClassName(promptName);
            IdentifierNames.ToPascalCase(promptName, out var adjusted);
            if (adjusted)
            {
                ReportAdjusted(diagnostics, nameLocation, $"Prompt name '{promptName}' is not a valid C# identifier; the generated class is named '{className}'");
            }
        }

        string ns;
        if (!string.IsNullOrWhiteSpace(itemOptions.Namespace))
        {
            ns = ExplicitNamespace(itemOptions.Namespace!.Trim(), "PromptGenNamespace metadata", LocationInfo.FileStart(path), diagnostics);
        }
        else if (!string.IsNullOrWhiteSpace(namespaceOverride))
        {
            ns = ExplicitNamespace(namespaceOverride!.Trim(), "csharp.namespace", LocationInfo.FileStart(path), diagnostics);
        }
        else
        {
            ns = ConventionalNamespace(path, projectOptions);
        }

        var accessibility = ResolveAccessibility(itemOptions.Accessibility) ?? ResolveAccessibility(projectOptions.Accessibility) ?? "public";
        var baseName = IdentifierNames.Unescape(className);
        if (baseName.Length > ClassSuffix.Length && baseName.EndsWith(ClassSuffix, StringComparison.Ordinal))
        {
            baseName = baseName.Substring(0, baseName.Length - ClassSuffix.Length);
        }

        return new PromptIdentity(path, promptName, ns, className, baseName + "Async", accessibility, location);
    }

    private static LocationInfo? Locate(PromptSemantics semantics, string key) =>
        semantics.Metadata.GetSpan(key) is { } span ? LocationInfo.FromSpan(semantics.Path, span) : null;

    private static string? Extension(PromptSemantics semantics, string key) =>
        semantics.Metadata.Ext["csharp"]?[key] is { Kind: PromptValueKind.String } value ? value.AsString : null;

    /// <summary>Root namespace plus the folder path of the file below the project directory.</summary>
    public static string ConventionalNamespace(string path, ProjectOptions projectOptions)
    {
        var segments = new List<string>();
        segments.AddRange(SplitNamespace(projectOptions.RootNamespace));
        segments.AddRange(RelativeFolders(path, projectOptions.ProjectDir).Select(IdentifierNames.ToNamespaceSegment));
        return string.Join(".", segments);
    }

    public static string FileNameWithoutExtension(string path)
    {
        var name = path.Replace('\\', '/');
        var slash = name.LastIndexOf('/');
        if (slash >= 0) name = name.Substring(slash + 1);
        return name.EndsWith(".prompt", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - ".prompt".Length) : name;
    }

    private static IEnumerable<string> RelativeFolders(string path, string projectDir)
    {
        if (string.IsNullOrEmpty(projectDir)) return Array.Empty<string>();
        var file = path.Replace('\\', '/');
        var dir = projectDir.Replace('\\', '/');
        if (!dir.EndsWith("/", StringComparison.Ordinal)) dir += "/";
        if (!file.StartsWith(dir, StringComparison.OrdinalIgnoreCase)) return Array.Empty<string>();
        var relative = file.Substring(dir.Length).Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        return relative.Take(relative.Length - 1);
    }

    private static IEnumerable<string> SplitNamespace(string ns) =>
        ns.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static string ExplicitIdentifier(string value, string source, LocationInfo location, List<DiagnosticInfo> diagnostics)
    {
        var unescaped = IdentifierNames.Unescape(value);
        if (IdentifierNames.IsValidIdentifier(unescaped)) return IdentifierNames.Escape(unescaped);
        var adjusted = IdentifierNames.ToPascalCase(unescaped);
        ReportAdjusted(diagnostics, location, $"{source} '{value}' is not a valid C# identifier; '{adjusted}' is used");
        return adjusted;
    }

    private static string ExplicitNamespace(string value, string source, LocationInfo location, List<DiagnosticInfo> diagnostics)
    {
        var segments = value.Split('.').Select(s => IdentifierNames.Unescape(s.Trim())).ToArray();
        var invalid = segments.Any(s => !IdentifierNames.IsValidIdentifier(s));
        var result = string.Join(".", segments.Select(s => IdentifierNames.IsValidIdentifier(s)
            ? IdentifierNames.Escape(s)
            : IdentifierNames.ToNamespaceSegment(s)));
        if (invalid)
        {
            ReportAdjusted(diagnostics, location, $"{source} '{value}' is not a valid C# namespace; '{result}' is used");
        }

        return result;
    }

    /// <summary>The warning that a name from the prompt or its metadata was changed into a valid C# name.</summary>
    private static void ReportAdjusted(List<DiagnosticInfo> diagnostics, LocationInfo location, string message) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameAdjusted, location, message));

    private static string? ResolveAccessibility(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "public" => "public",
        "internal" => "internal",
        _ => null,
    };
}
