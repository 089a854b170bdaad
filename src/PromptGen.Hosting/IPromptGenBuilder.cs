using Microsoft.Extensions.DependencyInjection;

namespace PromptGen.Hosting;

/// <summary>What <c>AddPromptGen</c> returns: the place to add an assembly's prompts (<c>.AddTicketTriagePrompts()</c>, generated).</summary>
public interface IPromptGenBuilder
{
    /// <summary>The services being configured.</summary>
    IServiceCollection Services { get; }
}
