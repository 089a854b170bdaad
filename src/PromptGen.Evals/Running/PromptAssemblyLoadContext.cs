using System.Reflection;
using System.Runtime.Loader;

namespace PromptGen.Evals.Running;

/// <summary>
/// Loads a project's built assembly with its own dependencies (resolved from its <c>.deps.json</c> by
/// <see cref="AssemblyDependencyResolver"/>), while the PromptGen runtime and the Microsoft.Extensions.AI contracts
/// come from the runner: the app's <c>IPromptDescriptor</c>, <c>ChatMessage</c> and <c>IChatClient</c> must be the
/// runner's types, or the catalog could not be used.
/// </summary>
public sealed class PromptAssemblyLoadContext : AssemblyLoadContext
{
    private static readonly HashSet<string> s_shared = new(StringComparer.OrdinalIgnoreCase)
    {
        "PromptGen",
        "PromptGen.Evals",
        "PromptGen.Language",
        "Microsoft.Extensions.AI.Abstractions",
        "Microsoft.Extensions.AI",
    };

    private readonly AssemblyDependencyResolver _resolver;

    /// <summary>Assemblies always taken from the runner, never from the application's folder.</summary>
    public static IReadOnlyCollection<string> SharedAssemblies => s_shared;

    public PromptAssemblyLoadContext(string mainAssemblyPath)
        : base("PromptGen evals: " + System.IO.Path.GetFileNameWithoutExtension(mainAssemblyPath), isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && s_shared.Contains(name)) return null;
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
