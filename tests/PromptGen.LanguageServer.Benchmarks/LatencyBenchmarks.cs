using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using PromptGen.LanguageServer.Features;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Benchmarks;

/// <summary>
/// What an editor waits for: the build's diagnostics after an edit to a 500-line prompt (the generator driver re-runs
/// on the changed file), and completion inside a nested block of that prompt. Bars: 50 ms and 20 ms.
/// </summary>
[MemoryDiagnoser]
public class LatencyBenchmarks
{
    private readonly Dictionary<string, OpenDocument> _open = new(StringComparer.Ordinal);
    private string _folder = string.Empty;
    private OpenDocument _document = null!;
    private ProjectWorkspace _workspace = null!;
    private string[] _versions = Array.Empty<string>();
    private int _edit;
    private (int Line, int Character) _completionPosition;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "promptgen-lsp-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "Prompts"));
        File.WriteAllText(Path.Combine(_folder, "Bench.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        var path = Path.Combine(_folder, "Prompts", "Large.prompt");
        _versions = new[] { LargePrompt.Create(0), LargePrompt.Create(1) };
        File.WriteAllText(path, _versions[0]);
        _document = new OpenDocument(new Uri(path).AbsoluteUri, path, _versions[0], 1);
        _open[path] = _document;
        _workspace = new ProjectWorkspace(_folder, _open);
        if (_workspace.Diagnostics(default).Count != 0) throw new InvalidOperationException("The benchmark prompt should be clean.");

        // Inside "{{#each items}}- {{sku}}" of the last section: completion of the item's fields.
        var lines = _versions[0].Split('\n');
        var line = Array.FindLastIndex(lines, l => l.Contains("{{#each items}}", StringComparison.Ordinal));
        _completionPosition = (line, lines[line].IndexOf("{{sku", StringComparison.Ordinal) + 4);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "diagnostics after an edit (500-line prompt)")]
    public int DiagnosticsAfterEdit()
    {
        _edit++;
        _document.Update(_versions[_edit % 2], _edit + 1);
        return _workspace.Diagnostics(default).Count;
    }

    [Benchmark(Description = "completion in a nested #each (500-line prompt)")]
    public int Completion()
    {
        var result = CompletionProvider.Complete(new DocumentContext(_workspace, _document), _completionPosition);
        return result?["items"]?.AsArray().Count ?? throw new InvalidOperationException("no completion");
    }

    [Benchmark(Description = "completion after an edit (500-line prompt, recompiled)")]
    public int CompletionAfterEdit()
    {
        _edit++;
        _document.Update(_versions[_edit % 2], _edit + 1);
        var result = CompletionProvider.Complete(new DocumentContext(_workspace, _document), _completionPosition);
        return result?["items"]?.AsArray().Count ?? throw new InvalidOperationException("no completion");
    }
}
