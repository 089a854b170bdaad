using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using PromptGen.Language.Documents;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;
using Xunit.Abstractions;

namespace PromptGen.Language.Tests.Yaml;

/// <summary>
/// The simple scanner is a shortcut only: wherever it reads a document, the result must be exactly YamlDotNet's (tree,
/// node kinds, values with their types, spans, diagnostics), and everything outside its subset must go to YamlDotNet.
/// </summary>
public class SimpleYamlScannerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("a: 1")]
    [InlineData("a: x\nb:\n  c: [USD, EUR, GBP]\n  d: 'it''s'\n")]
    [InlineData("list:\n- a\n- b\nnext: \"q\\\"uote\\n\"")]
    [InlineData("items:\n  - name: a\n    size: 2\n  - []\n  -\n  - ['x', \"y\", z w]\n")]
    [InlineData("# comment\n\nkey: value # trailing\nempty:\nurl: http://example.com/a:b\n")]
    [InlineData("a: x\r\nb: y\r\n")]
    [InlineData("category(enum, the queue): [billing, shipping, other]\nconfidence?: number, from 0 to 1\n")]
    [InlineData("a : 1\nb  :\n  - x\n<<: merge key as text")]
    [InlineData("- a: 1\n  b:\n  - c\n- d\n-   e: 'f'   # note\n    g: \"h\"")]
    [InlineData("key:    # note\n  nested: 1\n\n# end\n")]
    [InlineData("  indented: root\n  second: 2\n")]
    public void ReadsTheSimpleSubsetExactlyAsYamlDotNet(string yaml)
    {
        Assert.True(ReadsAlike(yaml, 0, yaml.Length), "the simple scanner should have read this document");
    }

    [Theory]
    [InlineData("a: &x 1\nb: 2", "anchor")]
    [InlineData("a: &x 1\nb: *x", "alias")]
    [InlineData("a: !!str 1", "tag")]
    [InlineData("a: |\n  x\n", "literal block scalar")]
    [InlineData("a: >-\n  x\n", "folded block scalar")]
    [InlineData("a: b\n  c\n", "multi-line plain scalar")]
    [InlineData("a:\n  b\n", "plain scalar on the next line")]
    [InlineData("a: 'b\n  c'\n", "multi-line single-quoted scalar")]
    [InlineData("a: \"b\n  c\"\n", "multi-line double-quoted scalar")]
    [InlineData("a: \"\\x41\"", "double-quoted escape beyond the simple ones")]
    [InlineData("a: {b: 1}", "flow mapping")]
    [InlineData("a: [b, [c]]", "nested flow sequence")]
    [InlineData("a: [b,\n  c]", "multi-line flow sequence")]
    [InlineData("a: [b, ]", "trailing comma")]
    [InlineData("? a\n: b", "explicit key")]
    [InlineData("%YAML 1.2\n---\na: 1", "directive")]
    [InlineData("---\na: 1", "document start marker")]
    [InlineData("a: 1\n...\n", "document end marker")]
    [InlineData("a:\n\tb: 1", "tab indentation")]
    [InlineData("a: 1\na: 2", "duplicate key")]
    [InlineData("a:\n  b: 1\n c: 2", "odd indentation")]
    [InlineData("a:\n    b: 1\n  c: 2", "dedent to no open level")]
    [InlineData("- - a", "sequence in a sequence on one line")]
    [InlineData("a: 'x", "unterminated quote")]
    [InlineData("a: b: c", "mapping value in a plain scalar")]
    [InlineData("a: 1\n- b", "sequence entry in a mapping")]
    [InlineData("just text", "scalar document")]
    [InlineData("# only a comment\n", "empty document")]
    [InlineData("\uFEFFa: 1", "byte order mark")]
    [InlineData("a: b\u0085c", "next-line character")]
    public void LeavesEverythingOutsideTheSubsetToYamlDotNet(string yaml, string construct)
    {
        Assert.True(TryReadSimple(yaml, 0, yaml.Length) is null, $"the simple scanner should have left the {construct} to YamlDotNet");
        ReadsAlike(yaml, 0, yaml.Length);
    }

    [Fact]
    public void ReadsEveryPromptOfTheRepositoryAsYamlDotNet()
    {
        var files = new List<string>();
        CollectPromptFiles(new DirectoryInfo(RepositoryRoot()), files);
        Assert.NotEmpty(files);
        var (simple, withFrontmatter) = CompareFrontmatters(files.Select(File.ReadAllText));
        output.WriteLine($"repository: {simple} of {withFrontmatter} frontmatters ({files.Count} files) read by the simple scanner");
        Assert.True(simple > 0);
    }

    [Fact]
    public void ReadsTheConformanceSuiteAsYamlDotNet()
    {
        if (Environment.GetEnvironmentVariable("PROMPTGEN_CONFORMANCE_DIR") is not { Length: > 0 } directory || !Directory.Exists(directory))
        {
            output.WriteLine("PROMPTGEN_CONFORMANCE_DIR is not set: nothing to compare");
            return;
        }

        var templates = new List<string>();
        var specFiles = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (file.EndsWith(".prompt", StringComparison.Ordinal))
            {
                templates.Add(text);
                continue;
            }

            if (!file.EndsWith(".yaml", StringComparison.Ordinal)) continue;

            // The spec files are YAML themselves, and their templates are strings in them.
            specFiles++;
            ReadsAlike(text, 0, text.Length);
            var spec = YamlFrontmatterReader.Read(text, file);
            if (spec.Root is not null) CollectStrings(spec.Root.Value, templates);
        }

        Assert.True(specFiles > 0);
        var (simple, withFrontmatter) = CompareFrontmatters(templates);
        output.WriteLine($"conformance: {simple} of {withFrontmatter} frontmatters read by the simple scanner");
        Assert.True(withFrontmatter > 0);
    }

    [Fact]
    public void ReadsEveryShapeOfTheGeneratorFixtureWithTheSimpleScanner()
    {
        var root = RepositoryRoot();
        var folder = Path.Combine(root, "artifacts", "yaml-fixture-" + Guid.NewGuid().ToString("N"));
        try
        {
            var script = Process.Start(new ProcessStartInfo("bash", $"\"{Path.Combine(root, "eng", "fixture.sh")}\" --count 8 --out \"{folder}\"")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            script.StandardOutput.ReadToEnd();
            script.StandardError.ReadToEnd();
            script.WaitForExit();
            Assert.Equal(0, script.ExitCode);
            var prompts = Directory.EnumerateFiles(folder, "*.prompt", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
            var (simple, withFrontmatter) = CompareFrontmatters(prompts);
            Assert.Equal(8, withFrontmatter);
            Assert.Equal(withFrontmatter, simple);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ReadsGeneratedFrontmattersAsYamlDotNet()
    {
        var random = new Random(20261207);
        var simple = 0;
        const int documents = 4000;
        for (var i = 0; i < documents; i++)
        {
            // Half the documents stay in the subset; the others stray from it at some rate.
            var trickiness = i % 2 == 0 ? 0 : random.NextDouble() * 0.3;
            var yaml = new FrontmatterGenerator(random, trickiness).Document();
            if (random.Next(8) == 0) yaml = yaml.Replace("\n", "\r\n");

            // Inside a file, as the document parser reads it: spans must be file positions.
            var file = "---\n" + yaml + "\n---\nbody";
            if (ReadsAlike(file, 4, yaml.Length)) simple++;
            else Assert.True(trickiness > 0, $"The simple scanner refused a document of its subset:\n{yaml}");
        }

        output.WriteLine($"generated: {simple} of {documents} read by the simple scanner");
        Assert.InRange(simple, documents / 2, documents - (documents / 10));
    }

    /// <summary>Compares the frontmatter of each text; counts those the simple scanner read, of those with frontmatter.</summary>
    private (int Simple, int WithFrontmatter) CompareFrontmatters(IEnumerable<string> texts)
    {
        var simple = 0;
        var withFrontmatter = 0;
        foreach (var text in texts)
        {
            var match = FrontmatterExtractor.Match(text);
            if (!match.Success || match.FrontmatterLength == 0) continue;
            withFrontmatter++;
            if (ReadsAlike(text, match.FrontmatterStart, match.FrontmatterLength)) simple++;
        }

        return (simple, withFrontmatter);
    }

    /// <summary>
    /// Asserts that the reader gives YamlDotNet's result, and that the simple scanner, where it reads the text, gives the
    /// same; true when it did.
    /// </summary>
    private static bool ReadsAlike(string text, int start, int length)
    {
        var lines = new LineMap(text);
        var expected = Describe(YamlFrontmatterReader.Read(text, start, length, lines, "f.prompt", trySimpleScanner: false));
        Assert.Equal(expected, Describe(YamlFrontmatterReader.Read(text, start, length, lines, "f.prompt")));
        var simple = YamlFrontmatterReader.TryReadSimple(text, start, length, lines, "f.prompt");
        if (simple is null) return false;
        Assert.True(expected == Describe(simple), $"The simple scanner read differently:\n{text.Substring(start, length)}\n--- YamlDotNet:\n{expected}\n--- simple:\n{Describe(simple)}");
        return true;
    }

    private static YamlReadResult? TryReadSimple(string text, int start, int length) =>
        YamlFrontmatterReader.TryReadSimple(text, start, length, new LineMap(text), "f.prompt");

    /// <summary>Everything a result tells: success, diagnostics and the whole tree with spans and typed values.</summary>
    private static string Describe(YamlReadResult result)
    {
        var text = new StringBuilder();
        text.Append("succeeded=").Append(result.Succeeded).Append('\n');
        foreach (var diagnostic in result.Diagnostics)
        {
            text.Append(diagnostic.Id).Append(' ').Append(Describe(diagnostic.Span)).Append(' ').Append(diagnostic.Message).Append('\n');
        }

        if (result.Root is not null) Describe(result.Root, 0, text);
        return text.ToString();
    }

    private static void Describe(YamlSourceNode node, int depth, StringBuilder text)
    {
        text.Append(' ', depth * 2).Append(node.Kind).Append(' ').Append(Describe(node.Span))
            .Append(node.IsAlias ? " alias" : string.Empty).Append(" size=").Append(node.ExpandedSize)
            .Append(' ').Append(Describe(node.Value)).Append('\n');
        foreach (var entry in node.Entries)
        {
            text.Append(' ', depth * 2 + 1).Append("key ").Append(entry.Key).Append(' ').Append(Describe(entry.KeySpan)).Append('\n');
            Describe(entry.Value, depth + 1, text);
        }

        foreach (var item in node.Items) Describe(item, depth + 1, text);
    }

    private static string Describe(PromptValue value) => value.Kind switch
    {
        // The number's bits, so -0, NaN and rounding differences show.
        PromptValueKind.Number => "number " + BitConverter.DoubleToInt64Bits(value.AsNumber).ToString(CultureInfo.InvariantCulture),
        _ => value.Kind + " " + PromptJson.Serialize(value),
    };

    private static string Describe(SourceSpan span) =>
        $"[{span.Start}..{span.End} {span.StartLine}:{span.StartColumn}-{span.EndLine}:{span.EndColumn}]";

    private static void CollectStrings(PromptValue value, List<string> strings)
    {
        switch (value.Kind)
        {
            case PromptValueKind.String:
                strings.Add(value.AsString);
                break;
            case PromptValueKind.Array:
                foreach (var item in value.Items) CollectStrings(item, strings);
                break;
            case PromptValueKind.Object:
                foreach (var property in value.Properties) CollectStrings(property.Value, strings);
                break;
        }
    }

    /// <summary>
    /// The <c>.prompt</c> files of the sources, not of build output or generated fixtures (folders that builds running
    /// at the same time may be changing).
    /// </summary>
    private static void CollectPromptFiles(DirectoryInfo directory, List<string> files)
    {
        foreach (var file in directory.GetFiles("*.prompt")) files.Add(file.FullName);
        foreach (var child in directory.GetDirectories())
        {
            if (child.Name is "bin" or "obj" or "artifacts" or "node_modules" || child.Name.StartsWith(".", StringComparison.Ordinal)) continue;
            CollectPromptFiles(child, files);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("Repository root (PromptGen.sln) not found above the test output folder.");
    }
}
