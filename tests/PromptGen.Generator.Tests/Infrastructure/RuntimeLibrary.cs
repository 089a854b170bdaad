extern alias runtime;

namespace PromptGen.Generator.Tests.Infrastructure;

/// <summary>The PromptGen runtime library (referenced under an alias: its shared-source types would clash with the language core's).</summary>
internal static class RuntimeLibrary
{
    public static string Location => typeof(runtime::PromptGen.Rendering.TemplateRuntime).Assembly.Location;
}
