namespace PromptGen.Generator.Models;

/// <summary>Project-wide settings read from MSBuild properties (<c>build_property.*</c>).</summary>
/// <param name="RootNamespace">The project's root namespace; generated namespaces start with it.</param>
/// <param name="ProjectDir">The project directory; folder paths below it become namespace segments.</param>
/// <param name="IntegerType"><c>long</c> (default) or <c>int</c> for schema integers (<c>PromptGenIntegerType</c>).</param>
/// <param name="Accessibility"><c>public</c> (default) or <c>internal</c> for generated types (<c>PromptGenAccessibility</c>).</param>
internal sealed record ProjectOptions(string RootNamespace, string ProjectDir, string IntegerType, string Accessibility)
{
    public static readonly ProjectOptions Default = new(string.Empty, string.Empty, "long", "public");
}
