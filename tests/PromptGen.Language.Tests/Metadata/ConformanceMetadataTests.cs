using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptGen.Language.Documents;
using PromptGen.Language.Metadata;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Tests.Metadata;

/// <summary>
/// Checks resolved metadata against the Dotprompt spec suite's expectations (the runner's "metadata alone" step):
/// <c>Merge(file, options, schemas).ToValue()</c> without <c>raw</c> equals <c>expect</c> without <c>messages</c> and
/// <c>raw</c>, where a missing <c>ext</c>/<c>config</c>/<c>metadata</c> means <c>{}</c>; <c>expect.raw</c> is checked too.
/// </summary>
public class ConformanceMetadataTests
{
    public static IEnumerable<object[]> Cases()
    {
        var folder = FindSuiteFolder();
        if (folder is null) yield break;
        foreach (var file in Directory.GetFiles(folder, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var suites = YamlFrontmatterReader.Read(File.ReadAllText(file), file).Root!.Value;
            foreach (var suite in suites.Items)
            {
                foreach (var test in suite["tests"]!.Items)
                {
                    yield return new object[] { $"{Path.GetFileName(file)}: {suite["name"]!.AsString} / {test["desc"]!.AsString}" };
                }
            }
        }
    }

    [Fact]
    public void SuiteIsFound()
    {
        // The suite lives in the shared folder beside the repository; without it the theory below has no cases.
        Assert.NotNull(FindSuiteFolder());
        Assert.True(Cases().Count() > 100);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MetadataMatchesExpectation(string caseName)
    {
        var (suite, test) = Find(caseName);
        var document = PromptDocumentParser.Parse("test.prompt", suite["template"]!.AsString);
        var schemas = DictionarySchemaResolver.FromObject(suite["schemas"]);
        var metadata = PromptMetadata.Merge(document.Metadata, test["options"], schemas);
        Assert.DoesNotContain(metadata.Diagnostics, d => d.Severity == global::PromptGen.Language.Diagnostics.PromptDiagnosticSeverity.Error);

        var actual = Without(metadata.ToValue(), "raw");
        var expect = test["expect"]!;
        var expected = Without(expect, "messages", "raw");
        foreach (var key in new[] { "ext", "config", "metadata" })
        {
            if (expected[key] is null) expected = expected.With(key, PromptValue.EmptyObject());
        }

        Assert.Equal(PromptJson.Serialize(expected, sortKeys: true), PromptJson.Serialize(actual, sortKeys: true));
        if (expect["raw"] is { } raw) Assert.Equal(PromptJson.Serialize(raw, sortKeys: true), PromptJson.Serialize(metadata.Raw!, sortKeys: true));
    }

    private static (PromptValue Suite, PromptValue Test) Find(string caseName)
    {
        var folder = FindSuiteFolder()!;
        var fileName = caseName.Substring(0, caseName.IndexOf(':'));
        foreach (var file in Directory.GetFiles(folder, fileName, SearchOption.AllDirectories))
        {
            foreach (var suite in YamlFrontmatterReader.Read(File.ReadAllText(file), file).Root!.Value.Items)
            {
                foreach (var test in suite["tests"]!.Items)
                {
                    if ($"{fileName}: {suite["name"]!.AsString} / {test["desc"]!.AsString}" == caseName) return (suite, test);
                }
            }
        }

        throw new InvalidOperationException("case not found: " + caseName);
    }

    private static PromptValue Without(PromptValue value, params string[] keys) =>
        PromptValue.Object(value.Properties.Where(p => !keys.Contains(p.Key)));

    /// <summary>The suite sits in <c>shared/conformance/dotprompt</c> in a folder that contains the repository.</summary>
    internal static string? FindSuiteFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "conformance", "dotprompt");
            if (Directory.Exists(candidate)) return candidate;
        }

        return null;
    }
}
