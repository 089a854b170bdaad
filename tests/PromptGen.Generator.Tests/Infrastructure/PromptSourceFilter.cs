using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptGen.Generator.Tests.Infrastructure;

/// <summary>The generated sources of prompt classes only, leaving out the assembly's prompt catalog.</summary>
internal static class PromptSourceFilter
{
    public const string CatalogHintName = "PromptGenCatalog.g.cs";

    public static ImmutableArray<GeneratedSourceResult> PromptSources(this GeneratorRunResult result) =>
        result.GeneratedSources.Where(s => s.HintName != CatalogHintName).ToImmutableArray();
}
