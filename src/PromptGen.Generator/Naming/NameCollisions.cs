using PromptGen.Generator.Models;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Generator.Naming;

/// <summary>The cross-file naming check: which prompts lose a name to another prompt (PG0301).</summary>
internal sealed record CollisionReport(EquatableArray<string> LosingPaths, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly CollisionReport None = new(EquatableArray<string>.Empty, EquatableArray<DiagnosticInfo>.Empty);

    public bool Loses(string path) => LosingPaths.Contains(path, StringComparer.Ordinal);
}

internal static class NameCollisions
{
    /// <summary>
    /// Two prompts collide when they map to the same class (ignoring case: their generated files would have the same
    /// hint name, which Roslyn compares ignoring case) or to the same extension method in one namespace.
    /// The first file in ordinal path order keeps the name and is generated; each other one gets PG0301 and is skipped,
    /// so the compiler never sees duplicate types.
    /// </summary>
    public static CollisionReport Find(IEnumerable<PromptIdentity> identities)
    {
        var ordered = identities.OrderBy(i => i.Path, StringComparer.Ordinal).ToList();
        var classes = new Dictionary<string, PromptIdentity>(StringComparer.OrdinalIgnoreCase);
        var methods = new Dictionary<string, PromptIdentity>(StringComparer.Ordinal);
        var losers = new List<string>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var identity in ordered)
        {
            var classKey = identity.HintName;
            var methodKey = identity.Namespace + "::" + identity.MethodName;
            string? message = null;
            if (classes.TryGetValue(classKey, out var classOwner))
            {
                var clash = string.Equals(identity.FullClassName, classOwner.FullClassName, StringComparison.Ordinal)
                    ? "already uses"
                    : $"already uses as '{classOwner.FullClassName}' (generated file names ignore case)";
                message = $"Prompt '{identity.PromptName}' maps to class '{identity.FullClassName}', which prompt '{classOwner.PromptName}' ({classOwner.Path}) {clash}; rename one of them or set csharp.class";
            }
            else if (methods.TryGetValue(methodKey, out var methodOwner))
            {
                message = $"Prompt '{identity.PromptName}' maps to extension method '{identity.MethodName}' in namespace '{identity.Namespace}', which prompt '{methodOwner.PromptName}' ({methodOwner.Path}) already uses; rename one of them or set csharp.class";
            }

            if (message is not null)
            {
                losers.Add(identity.Path);
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, identity.Location, message));
                continue;
            }

            classes[classKey] = identity;
            methods[methodKey] = identity;
        }

        return losers.Count == 0 ? CollisionReport.None : new CollisionReport(losers.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
