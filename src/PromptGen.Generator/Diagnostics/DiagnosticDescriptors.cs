using Microsoft.CodeAnalysis;
using PromptGen.Generator.Models;
using LanguageDescriptors = PromptGen.Language.Diagnostics.DiagnosticDescriptors;
using PromptDiagnosticDescriptor = PromptGen.Language.Diagnostics.PromptDiagnosticDescriptor;
using PromptDiagnosticSeverity = PromptGen.Language.Diagnostics.PromptDiagnosticSeverity;

namespace PromptGen.Generator.Diagnostics;

/// <summary>The language core's diagnostic catalog as Roslyn descriptors, with help links to <c>docs/diagnostics/ID.md</c>.</summary>
internal static class DiagnosticDescriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId =
        LanguageDescriptors.All.ToDictionary(d => d.Id, ToRoslyn, StringComparer.Ordinal);

    public static IReadOnlyCollection<DiagnosticDescriptor> All => s_byId.Values;

    public static DiagnosticDescriptor Get(string id) =>
        s_byId.TryGetValue(id, out var descriptor) ? descriptor : s_byId[LanguageDescriptors.InternalError.Id];

    public static Diagnostic ToDiagnostic(DiagnosticInfo info) =>
        Diagnostic.Create(Get(info.Id), info.Location.ToLocation(), info.Message);

    public static string HelpLink(string id) => $"{GeneratorInfo.RepositoryUrl}/blob/main/docs/diagnostics/{id}.md";

    private static DiagnosticDescriptor ToRoslyn(PromptDiagnosticDescriptor descriptor) => new(
        descriptor.Id,
        descriptor.Title,
        "{0}",
        descriptor.Category,
        descriptor.Severity switch
        {
            PromptDiagnosticSeverity.Error => DiagnosticSeverity.Error,
            PromptDiagnosticSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        },
        isEnabledByDefault: true,
        description: null,
        helpLinkUri: HelpLink(descriptor.Id),
        // Errors mean the generated code would be wrong or missing; they cannot be suppressed or downgraded.
        customTags: descriptor.Severity == PromptDiagnosticSeverity.Error ? new[] { WellKnownDiagnosticTags.NotConfigurable } : Array.Empty<string>());
}
