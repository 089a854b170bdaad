using System;
using System.Collections.Generic;
using System.IO;

namespace PromptGen.Tests.Corpus;

/// <summary>
/// One parsing corpus file: a header of <c># key: value</c> lines, a <c>---</c> line, then the model output verbatim.
/// Keys: <c>shape</c> (name in shapes.json), <c>expect</c> (JSON) or <c>expect-error</c> (substring of the error),
/// optional <c>repairs</c> (comma-separated repair kinds that must be reported).
/// </summary>
public sealed class CorpusCase
{
    private const string Separator = "---\n";

    private CorpusCase(string id, string category, string shape, string? expectJson, string? expectError, IReadOnlyList<string> repairs, string modelText)
    {
        Id = id;
        Category = category;
        Shape = shape;
        ExpectJson = expectJson;
        ExpectError = expectError;
        Repairs = repairs;
        ModelText = modelText;
    }

    public string Id { get; }

    public string Category { get; }

    public string Shape { get; }

    public string? ExpectJson { get; }

    public string? ExpectError { get; }

    public IReadOnlyList<string> Repairs { get; }

    public string ModelText { get; }

    public static CorpusCase Load(string root, string file)
    {
        var content = File.ReadAllText(file);
        var split = content.IndexOf("\n" + Separator, StringComparison.Ordinal);
        if (split < 0)
        {
            throw new FormatException($"{file}: no '---' line after the header");
        }

        var header = content.Substring(0, split);
        var text = content.Substring(split + 1 + Separator.Length);
        string? shape = null, expect = null, error = null;
        var repairs = new List<string>();
        foreach (var rawLine in header.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (!line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var key = line.Substring(2, colon - 2).Trim();
            var value = line.Substring(colon + 1).Trim();
            switch (key)
            {
                case "shape": shape = value; break;
                case "expect": expect = value; break;
                case "expect-error": error = value; break;
                case "repairs":
                    foreach (var r in value.Split(','))
                    {
                        if (r.Trim().Length > 0)
                        {
                            repairs.Add(r.Trim());
                        }
                    }

                    break;
            }
        }

        if (shape is null || (expect is null) == (error is null))
        {
            throw new FormatException($"{file}: needs '# shape:' and exactly one of '# expect:' / '# expect-error:'");
        }

        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        var category = relative.Substring(0, relative.IndexOf('/'));
        var id = relative.Substring(0, relative.Length - ".txt".Length);
        return new CorpusCase(id, category, shape, expect, error, repairs, text);
    }

    public static IEnumerable<CorpusCase> LoadAll(string root)
    {
        var files = Directory.GetFiles(root, "*.txt", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            yield return Load(root, file);
        }
    }

    public override string ToString() => Id;
}
