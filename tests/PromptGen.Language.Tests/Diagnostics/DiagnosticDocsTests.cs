using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PromptGen.Language.Diagnostics;

namespace PromptGen.Language.Tests.Diagnostics;

/// <summary>Keeps docs/diagnostics in step with the catalog: one page per ID, examples that point into the example file.</summary>
public sealed class DiagnosticDocsTests
{
    private static readonly Regex CanonicalLine = new(
        @"^(?<path>[^()\s]+)\((?<line>\d+),(?<col>\d+)\): (?<severity>error|warning) (?<id>PG\d{4}): .+$");

    private static readonly Regex FileLabel = new(@"^`(?<path>[^`]+)`:$");

    public static IEnumerable<object[]> Descriptors() =>
        DiagnosticDescriptors.All.Select(d => new object[] { d.Id });

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Page_starts_with_id_and_title_and_states_severity_and_category(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        var lines = File.ReadAllLines(PagePath(descriptor));

        Assert.Equal($"# {descriptor.Id}: {descriptor.Title}", lines[0]);
        Assert.Contains($"- **Severity:** {descriptor.Severity}", lines);
        Assert.Contains($"- **Category:** `{descriptor.Category}`", lines);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Page_has_example_fix_and_related_sections(string id)
    {
        var text = File.ReadAllText(PagePath(DiagnosticDescriptors.All.Single(d => d.Id == id)));

        Assert.Contains("\n## Example\n", text);
        Assert.Contains("\n## Fix\n", text);
        Assert.Contains("\n## Related\n", text);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Warnings_explain_suppression_and_errors_say_they_cannot_be_suppressed(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        var text = File.ReadAllText(PagePath(descriptor));

        if (descriptor.Severity == PromptDiagnosticSeverity.Warning)
        {
            Assert.Contains("## Suppressing it", text);
            Assert.Contains($"<NoWarn>$(NoWarn);{descriptor.Id}</NoWarn>", text);
        }
        else
        {
            Assert.Contains("This is an error and cannot be suppressed.", text);
            Assert.DoesNotContain("## Suppressing it", text);
        }
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Example_diagnostics_use_the_page_id_and_point_inside_the_example_file(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        var example = ExampleSection(File.ReadAllLines(PagePath(descriptor)));
        var (files, diagnostics) = ReadBlocks(example);

        Assert.NotEmpty(diagnostics);
        foreach (var diagnostic in diagnostics)
        {
            var match = CanonicalLine.Match(diagnostic);
            Assert.True(match.Success, $"not in MSBuild canonical form: {diagnostic}");
            Assert.Equal(descriptor.Id, match.Groups["id"].Value);
            Assert.Equal(PromptDiagnostic.SeverityText(descriptor.Severity), match.Groups["severity"].Value);

            if (!files.TryGetValue(match.Groups["path"].Value, out var file))
            {
                continue; // e.g. PG9999 shows only the shape of the message
            }

            var line = int.Parse(match.Groups["line"].Value);
            var column = int.Parse(match.Groups["col"].Value);
            Assert.InRange(line, 1, file.Count);
            var sourceLine = file[line - 1].Replace("<BOM>", "\uFEFF");
            Assert.InRange(column, 1, Math.Max(1, sourceLine.Length));
            Assert.False(char.IsWhiteSpace(sourceLine[column - 1]), $"{diagnostic} points at white space");
        }
    }

    [Fact]
    public void Index_links_every_id_and_no_page_exists_without_an_id()
    {
        var directory = Path.Combine(RepositoryRoot(), "docs", "diagnostics");
        var index = File.ReadAllText(Path.Combine(directory, "README.md"));
        var known = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet();

        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Contains($"| [{descriptor.Id}]({descriptor.Id}.md) | {descriptor.Severity} | {descriptor.Title} |", index);
        }

        var pages = Directory.GetFiles(directory, "PG*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.All(pages, page => Assert.Contains(page!, known));
    }

    private static string PagePath(PromptDiagnosticDescriptor descriptor) =>
        Path.Combine(RepositoryRoot(), descriptor.HelpPath.Replace('/', Path.DirectorySeparatorChar));

    private static List<string> ExampleSection(string[] lines)
    {
        var start = Array.IndexOf(lines, "## Example");
        Assert.True(start >= 0, "no '## Example' section");
        return lines.Skip(start + 1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Code blocks labelled by a preceding "`path`:" line, and the lines of the ```text blocks.</summary>
    private static (Dictionary<string, List<string>> Files, List<string> Diagnostics) ReadBlocks(List<string> lines)
    {
        var files = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var diagnostics = new List<string>();
        string? label = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var labelMatch = FileLabel.Match(lines[i]);
            if (labelMatch.Success)
            {
                label = labelMatch.Groups["path"].Value;
            }

            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var language = lines[i].Substring(3);
            var body = new List<string>();
            for (i++; i < lines.Count && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            if (language == "text")
            {
                diagnostics.AddRange(body);
            }
            else if (label is not null && !files.ContainsKey(label))
            {
                files[label] = body;
            }
        }

        return (files, diagnostics);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (PromptGen.sln) not found above the test output folder.");
    }
}
