using PromptGen.Generator.Models;
using PromptGen.Language.Metadata;
using PromptGen.Language.Semantics;
using LanguageDescriptors = PromptGen.Language.Diagnostics.DiagnosticDescriptors;

namespace PromptGen.Generator.Tools;

/// <summary>
/// Resolves the tool names a prompt declares against the compilation's <see cref="ToolCatalog"/>: one method per name,
/// or an error at the name's frontmatter entry (PG0601 unknown, PG0602 ambiguous, and the method's own problems,
/// PG0603–PG0606). Prompts that declare no tools pass through unchanged, so they stay cached.
/// </summary>
internal static class ToolBinding
{
    /// <summary>The tools a prompt names, located in its frontmatter.</summary>
    public static EquatableArray<ToolReferenceModel> ReferencesOf(PromptSemantics semantics)
    {
        // A loop: the references are structs, and LINQ over them is generic code compiled in every compiler process.
        var references = PromptToolReferences.Of(semantics.Metadata);
        if (references.Count == 0) return EquatableArray<ToolReferenceModel>.Empty;
        var models = new ToolReferenceModel[references.Count];
        for (var i = 0; i < models.Length; i++) models[i] = new ToolReferenceModel(references[i].Name, LocationInfo.FromSpan(semantics.Path, references[i].Span));
        return new EquatableArray<ToolReferenceModel>(models);
    }

    public static PromptGenerationResult Bind(PromptGenerationResult result, ToolCatalog catalog)
    {
        if (result.Model is not { ToolReferences.Count: > 0 } model) return result;
        var diagnostics = new List<DiagnosticInfo>(result.Diagnostics);
        var bound = new List<ToolMethodModel>();
        foreach (var reference in model.ToolReferences)
        {
            var candidates = catalog.Methods.Where(m => string.Equals(m.ToolName, reference.Name, StringComparison.Ordinal)).ToList();
            if (candidates.Count == 0)
            {
                var suggestion = PromptToolReferences.Suggest(reference.Name, catalog.Methods.Select(m => m.ToolName).Distinct());
                var hint = suggestion is null ? " Mark a static or instance method with [PromptTool] (PromptGen.Tools) in this project." : $" Did you mean '{suggestion}'?";
                diagnostics.Add(new DiagnosticInfo(LanguageDescriptors.UnknownTool.Id, $"No method marked [PromptTool] has the tool name '{reference.Name}'.{hint}", reference.Location));
                continue;
            }

            if (candidates.Count > 1)
            {
                var places = string.Join(", ", candidates.Select(c => $"{c.ContainingTypeName}.{c.MethodName} ({c.DeclaredAt})"));
                diagnostics.Add(new DiagnosticInfo(LanguageDescriptors.DuplicateToolName.Id,
                    $"The tool name '{reference.Name}' is declared by {candidates.Count} methods: {places}. Give one of them another name with [PromptTool(\"name\")].", reference.Location));
                continue;
            }

            var method = candidates[0];
            if (method.Problems.Count > 0)
            {
                foreach (var problem in method.Problems) diagnostics.Add(new DiagnosticInfo(problem.Id, $"Tool '{reference.Name}': {problem.Message}", reference.Location));
                continue;
            }

            bound.Add(method);
        }

        return result with { Model = model with { Tools = bound.ToEquatableArray() }, Diagnostics = diagnostics.ToEquatableArray() };
    }
}
