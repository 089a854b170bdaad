using System.Reflection;
using PromptGen.Catalog;

namespace PromptGen.Evals.Running;

/// <summary>Finds the generated prompt catalog of a built assembly (through <see cref="PromptCatalogAttribute"/>, never by scanning types).</summary>
public static class PromptCatalogLoader
{
    /// <summary>Loads <paramref name="assemblyPath"/> in its own <see cref="PromptAssemblyLoadContext"/> and returns it.</summary>
    /// <exception cref="PromptCatalogException">The file is missing or is not a loadable .NET assembly.</exception>
    public static Assembly LoadAssembly(string assemblyPath)
    {
        var fullPath = Path.GetFullPath(assemblyPath);
        if (!File.Exists(fullPath)) throw new PromptCatalogException($"The built assembly '{assemblyPath}' does not exist; build the project first.");
        try
        {
            return new PromptAssemblyLoadContext(fullPath).LoadFromAssemblyPath(fullPath);
        }
        catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or IOException)
        {
            throw new PromptCatalogException($"The built assembly '{assemblyPath}' could not be loaded: {exception.Message}", exception);
        }
    }

    /// <summary>The prompts of <paramref name="assembly"/>; empty when it has no catalog (no prompts).</summary>
    /// <exception cref="PromptCatalogException">The catalog exists but cannot be read (for example a PromptGen runtime version the runner does not understand).</exception>
    public static IReadOnlyList<IPromptDescriptor> Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        try
        {
            var attribute = assembly.GetCustomAttribute<PromptCatalogAttribute>();
            if (attribute is null) return Array.Empty<IPromptDescriptor>();
            var property = attribute.CatalogType.GetProperty("Prompts", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            if (property?.GetValue(null) is not IEnumerable<IPromptDescriptor> prompts)
            {
                throw new PromptCatalogException($"The prompt catalog '{attribute.CatalogType.FullName}' of '{assembly.GetName().Name}' has no readable Prompts list.");
            }

            return prompts.ToList();
        }
        catch (Exception exception) when (exception is TypeLoadException or FileNotFoundException or FileLoadException or TargetInvocationException or MissingMethodException)
        {
            throw new PromptCatalogException(
                $"The prompt catalog of '{assembly.GetName().Name}' could not be read ({exception.GetType().Name}: {exception.Message}). " +
                "The project may reference a PromptGen version the eval runner does not match.",
                exception);
        }
    }

    /// <summary><see cref="LoadAssembly"/> then <see cref="Load(Assembly)"/>.</summary>
    public static IReadOnlyList<IPromptDescriptor> Load(string assemblyPath, out Assembly assembly)
    {
        assembly = LoadAssembly(assemblyPath);
        return Load(assembly);
    }
}
