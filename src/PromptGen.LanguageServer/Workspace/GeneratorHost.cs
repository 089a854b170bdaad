using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptGen.Generator;

namespace PromptGen.LanguageServer.Workspace;

/// <summary>
/// Runs PromptGen's source generator over a project's prompt, partial and eval files exactly as the build does (as
/// additional files, with the project's properties), so the diagnostics shown while typing are the build's: the same
/// codes, messages and ranges, project-wide ones (PG0301 collisions, PG0302) and eval checks (PG05xx) included.
/// The generator driver is incremental: after an edit only the prompts that depend on the changed file run again.
/// </summary>
internal sealed class GeneratorHost
{
    private static readonly CSharpCompilation s_compilation = CSharpCompilation.Create("PromptGenLanguageServer",
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private readonly Dictionary<string, FileText> _texts = new(StringComparer.Ordinal);
    private GeneratorDriver _driver;

    public GeneratorHost(ProjectSettings settings)
    {
        var global = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["build_property.RootNamespace"] = settings.RootNamespace,
            ["build_property.ProjectDir"] = settings.ProjectDirectory,
        };
        if (settings.IntegerType is { } integerType) global["build_property.PromptGenIntegerType"] = integerType;
        if (settings.Accessibility is { } accessibility) global["build_property.PromptGenAccessibility"] = accessibility;
        _driver = CSharpGeneratorDriver.Create(
            new[] { new PromptGenerator().AsSourceGenerator() },
            optionsProvider: new OptionsProvider(global),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
    }

    /// <summary>Every diagnostic of the project, given the current text of each of its files (path → text).</summary>
    public IReadOnlyList<FileDiagnostic> Run(IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        var removed = _texts.Keys.Where(path => !files.ContainsKey(path)).ToList();
        if (removed.Count > 0)
        {
            _driver = _driver.RemoveAdditionalTexts(removed.Select(path => (AdditionalText)_texts[path]).ToImmutableArray());
            foreach (var path in removed) _texts.Remove(path);
        }

        var added = new List<AdditionalText>();
        foreach (var (path, text) in files)
        {
            if (_texts.TryGetValue(path, out var existing))
            {
                if (string.Equals(existing.Content, text, StringComparison.Ordinal)) continue;
                var replacement = new FileText(path, text);
                _driver = _driver.ReplaceAdditionalText(existing, replacement);
                _texts[path] = replacement;
            }
            else
            {
                var created = new FileText(path, text);
                _texts[path] = created;
                added.Add(created);
            }
        }

        if (added.Count > 0) _driver = _driver.AddAdditionalTexts(added.ToImmutableArray());
        _driver = _driver.RunGenerators(s_compilation, cancellationToken);
        var result = _driver.GetRunResult();
        return result.Diagnostics.Select(FileDiagnostic.From).Where(d => d.Path.Length > 0).ToList();
    }

    private sealed class FileText : AdditionalText
    {
        private readonly SourceText _text;

        public FileText(string path, string content)
        {
            Path = path;
            Content = content;
            _text = SourceText.From(content);
        }

        public override string Path { get; }

        public string Content { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private static readonly Options s_empty = new(new Dictionary<string, string>());

        public OptionsProvider(Dictionary<string, string> global) => GlobalOptions = new Options(global);

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_empty;
    }

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}

/// <summary>A generator diagnostic as plain values: 0-based lines and UTF-16 columns, as LSP wants them.</summary>
internal sealed record FileDiagnostic(string Path, string Id, DiagnosticSeverity Severity, string Message, int StartLine, int StartCharacter,
    int EndLine, int EndCharacter)
{
    public static FileDiagnostic From(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return new FileDiagnostic(span.Path ?? string.Empty, diagnostic.Id, diagnostic.Severity, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character);
    }
}
