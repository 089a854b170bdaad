using System.Reflection;

namespace PromptGen.Evals.Providers;

/// <summary>Finds and creates the user's <see cref="IEvalChatClientFactory"/>.</summary>
public static class EvalClientFactoryLoader
{
    /// <summary>
    /// The factory named by <paramref name="typeName"/> (the <c>PromptGenEvalClientFactory</c> setting) when given, else the
    /// one named by <see cref="EvalChatClientFactoryAttribute"/> on <paramref name="assembly"/>, else <c>null</c>.
    /// A type name without an assembly is looked up in <paramref name="assembly"/>.
    /// </summary>
    /// <exception cref="EvalProviderException">The named type cannot be found or created (<see cref="ProviderErrorKind.Configuration"/>).</exception>
    public static IEvalChatClientFactory? Find(Assembly? assembly, string? typeName)
    {
        if (!string.IsNullOrWhiteSpace(typeName))
        {
            var type = assembly?.GetType(typeName!.Trim(), throwOnError: false) ?? TryGetType(typeName!.Trim());
            if (type is null)
                throw Error($"the eval client factory type '{typeName}' was not found (use 'Namespace.Type, Assembly').");
            return Create(type);
        }
        var attribute = assembly?.GetCustomAttribute<EvalChatClientFactoryAttribute>();
        return attribute is null ? null : Create(attribute.FactoryType);
    }

    /// <summary>Creates a factory of <paramref name="type"/> with its public parameterless constructor.</summary>
    public static IEvalChatClientFactory Create(Type type)
    {
        if (!typeof(IEvalChatClientFactory).IsAssignableFrom(type) || type.IsAbstract || type.IsInterface)
            throw Error($"'{type.FullName}' does not implement {nameof(IEvalChatClientFactory)} as a concrete class.");
        if (type.GetConstructor(Type.EmptyTypes) is null)
            throw Error($"'{type.FullName}' needs a public parameterless constructor to be used as the eval client factory.");
        try
        {
            return (IEvalChatClientFactory)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException ex)
        {
            throw new EvalProviderException(ProviderErrorKind.Configuration,
                $"The eval client factory '{type.FullName}' failed to start: {ex.InnerException?.Message ?? ex.Message}", innerException: ex);
        }
    }

    private static Type? TryGetType(string name)
    {
        try
        {
            return Type.GetType(name, throwOnError: false);
        }
        catch (Exception ex) when (ex is System.IO.FileLoadException or BadImageFormatException or ArgumentException)
        {
            return null;
        }
    }

    private static EvalProviderException Error(string message) =>
        new(ProviderErrorKind.Configuration, "Eval provider configuration: " + message);
}
