using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PromptGen.Hosting;

/// <summary>Registers PromptGen's options and typed prompt clients with dependency injection.</summary>
public static class PromptGenServiceCollectionExtensions
{
    /// <summary>
    /// Adds PromptGen bound to the <c>PromptGen</c> section of the application's <see cref="IConfiguration"/>, validated
    /// when the application starts. Add the prompts with the generated <c>Add…Prompts()</c> method on the result.
    /// </summary>
    public static IPromptGenBuilder AddPromptGen(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddCore(services, PromptGenOptions.SectionName);
        services.AddOptions<PromptGenOptions>().Configure<IConfiguration>((options, configuration) =>
            configuration.GetSection(PromptGenOptions.SectionName).Bind(options));
        return new PromptGenBuilder(services);
    }

    /// <summary>
    /// Adds PromptGen bound to <paramref name="configuration"/> (the <c>PromptGen</c> section, or any section with
    /// <c>Defaults</c> and <c>Prompts</c>), validated when the application starts; start-up errors name its keys.
    /// </summary>
    public static IPromptGenBuilder AddPromptGen(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        AddCore(services, (configuration as IConfigurationSection)?.Path ?? string.Empty);
        services.AddOptions<PromptGenOptions>().Bind(configuration);
        return new PromptGenBuilder(services);
    }

    /// <summary>Adds PromptGen configured in code, validated when the application starts.</summary>
    public static IPromptGenBuilder AddPromptGen(this IServiceCollection services, Action<PromptGenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services, PromptGenOptions.SectionName);
        services.AddOptions<PromptGenOptions>().Configure(configure);
        return new PromptGenBuilder(services);
    }

    /// <summary>
    /// Makes a prompt known to PromptGen (its name and variants, for validation) and registers its typed client,
    /// created per resolution with the prompt's configured <see cref="PromptBinding"/>. Called by generated code.
    /// </summary>
    public static IPromptGenBuilder AddPrompt<TClient>(this IPromptGenBuilder builder, PromptRegistration prompt, Func<PromptBinding, TClient> createClient)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(createClient);
        builder.AddPrompt(prompt);
        var name = prompt.PromptName;
        builder.Services.TryAddTransient(services => createClient(Bind(services, name)));
        return builder;
    }

    /// <summary>Makes a prompt known to PromptGen without a typed client (its name and variants, for validation).</summary>
    public static IPromptGenBuilder AddPrompt(this IPromptGenBuilder builder, PromptRegistration prompt)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(prompt);
        builder.Services.AddSingleton(prompt);
        return builder;
    }

    /// <summary>The prompt's configured options, and the chat client they name (keyed or not).</summary>
    private static PromptBinding Bind(IServiceProvider services, string promptName)
    {
        var options = services.GetRequiredService<IOptionsMonitor<PromptGenOptions>>().CurrentValue.For(promptName);
        var chatClient = string.IsNullOrEmpty(options.ChatClientKey)
            ? services.GetRequiredService<IChatClient>()
            : services.GetRequiredKeyedService<IChatClient>(options.ChatClientKey);
        return new PromptBinding(chatClient, options);
    }

    private static void AddCore(IServiceCollection services, string sectionPath)
    {
        services.AddOptions<PromptGenOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PromptGenOptions>, PromptGenOptionsValidator>(serviceProvider =>
            new PromptGenOptionsValidator(
                serviceProvider.GetServices<PromptRegistration>(),
                serviceProvider.GetService<IServiceProviderIsKeyedService>(),
                sectionPath)));
    }

    private sealed class PromptGenBuilder(IServiceCollection services) : IPromptGenBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
