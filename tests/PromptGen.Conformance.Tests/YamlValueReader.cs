using System.IO;
using System.Linq;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Conformance.Tests;

/// <summary>
/// Reads the spec files into <see cref="PromptValue"/>s with PromptGen's own YAML reader, which types scalars by the
/// YAML 1.2 core schema as the reference runner's <c>yaml</c> package does (quoted values stay strings, <c>yes</c> is a string).
/// </summary>
public static class YamlValueReader
{
    public static PromptValue Read(string text, string path = "")
    {
        var result = YamlFrontmatterReader.Read(text, path);
        if (!result.Succeeded)
        {
            throw new InvalidDataException($"{path} is not valid YAML:\n" + string.Join("\n", result.Diagnostics.Select(d => d.ToMSBuildString())));
        }

        return result.Root?.Value ?? PromptValue.Null;
    }
}
