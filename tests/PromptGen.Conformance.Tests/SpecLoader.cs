using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Conformance.Tests;

/// <summary>Loads every spec case from the conformance folder, in a stable order.</summary>
public static class SpecLoader
{
    /// <summary>The reference runner's title for a test without <c>desc</c>.</summary>
    public const string DefaultDescription = "should match expected output";

    private static readonly Lazy<IReadOnlyList<SpecCase>> s_all = new(() => Load(ConformanceDirectory.Locate()));

    /// <summary>All cases of the located suite, loaded once per test run.</summary>
    public static IReadOnlyList<SpecCase> All => s_all.Value;

    public static IReadOnlyList<string> FindFiles(string directory) =>
        Directory.GetFiles(directory, "*.yaml", SearchOption.AllDirectories)
            .OrderBy(f => RelativeName(directory, f), StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<SpecCase> Load(string directory)
    {
        var cases = new List<SpecCase>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in FindFiles(directory))
        {
            var file = RelativeName(directory, path);
            var suites = YamlValueReader.Read(File.ReadAllText(path), file + ".yaml");
            if (suites.Kind != PromptValueKind.Array) throw new InvalidDataException($"{file}.yaml is not a list of suites.");
            foreach (var suite in suites.Items)
            {
                var suiteName = suite["name"]?.AsString ?? throw new InvalidDataException($"{file}.yaml has a suite without a name.");
                foreach (var test in suite["tests"]?.Items ?? Array.Empty<PromptValue>())
                {
                    var description = test["desc"] is { Kind: PromptValueKind.String } desc ? desc.AsString : DefaultDescription;
                    var id = Unique(ids, $"{file} > {suiteName} > {description}");
                    cases.Add(new SpecCase(id, file, suite, test));
                }
            }
        }

        return cases;
    }

    /// <summary><c>helpers/role.yaml</c> becomes <c>helpers/role</c>, with forward slashes on every OS.</summary>
    private static string RelativeName(string directory, string path)
    {
        var relative = path.Substring(directory.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        relative = relative.Replace(Path.DirectorySeparatorChar, '/');
        return relative.EndsWith(".yaml", StringComparison.Ordinal) ? relative.Substring(0, relative.Length - 5) : relative;
    }

    private static string Unique(HashSet<string> ids, string id)
    {
        var candidate = id;
        for (var n = 2; !ids.Add(candidate); n++) candidate = $"{id} #{n}";
        return candidate;
    }
}
