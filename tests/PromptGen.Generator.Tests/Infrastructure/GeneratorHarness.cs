using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace PromptGen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="PromptGenerator"/> over in-memory prompts, C# sources and MSBuild options, with step tracking.</summary>
internal sealed class GeneratorHarness
{
    public const string ProjectDir = "/src/Acme.Support/";

    private static readonly CSharpParseOptions s_parseOptions = new(LanguageVersion.Latest);
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    private readonly List<InMemoryAdditionalText> _texts;
    private GeneratorDriver _driver;

    private GeneratorHarness(
        IEnumerable<(string Path, string Text)> prompts,
        IEnumerable<string> csharpSources,
        IReadOnlyDictionary<string, string> globalOptions,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> itemMetadata)
    {
        _texts = prompts.Select(p => new InMemoryAdditionalText(p.Path, p.Text)).ToList();
        Compilation = CSharpCompilation.Create(
            "Acme.Support",
            csharpSources.Select(s => CSharpSyntaxTree.ParseText(s, s_parseOptions)),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var perFile = itemMetadata.ToDictionary(
            e => e.Key,
            e => (IReadOnlyDictionary<string, string>)e.Value.ToDictionary(m => "build_metadata.AdditionalFiles." + m.Key, m => m.Value));
        _driver = CSharpGeneratorDriver.Create(
            new[] { new PromptGenerator().AsSourceGenerator() },
            _texts,
            s_parseOptions,
            new InMemoryAnalyzerConfigOptionsProvider(globalOptions, perFile),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public Compilation Compilation { get; private set; }

    /// <summary>The compilation with the generated sources added, after the last run.</summary>
    public Compilation? OutputCompilation { get; private set; }

    public ImmutableArray<Diagnostic> DriverDiagnostics { get; private set; }

    public static GeneratorHarness Create(
        IEnumerable<(string Path, string Text)> prompts,
        string rootNamespace = "Acme.Support",
        IEnumerable<string>? csharpSources = null,
        IReadOnlyDictionary<string, string>? extraProperties = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? itemMetadata = null)
    {
        var global = new Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = rootNamespace,
            ["build_property.ProjectDir"] = ProjectDir,
        };
        foreach (var property in extraProperties ?? new Dictionary<string, string>())
        {
            global["build_property." + property.Key] = property.Value;
        }

        var sources = new List<string>(csharpSources ?? Array.Empty<string>());
        return new GeneratorHarness(prompts, sources, global, itemMetadata ?? new Dictionary<string, IReadOnlyDictionary<string, string>>());
    }

    /// <summary>A prompt path inside the test project: <c>Path("Prompts/Triage.prompt")</c>.</summary>
    public static string PathOf(string relative) => ProjectDir + relative;

    public GeneratorRunResult Run()
    {
        _driver = _driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out var diagnostics);
        OutputCompilation = output;
        DriverDiagnostics = diagnostics;
        return _driver.GetRunResult().Results.Single();
    }

    public void ReplacePrompt(string path, string newText)
    {
        var index = _texts.FindIndex(t => t.Path == path);
        var replacement = new InMemoryAdditionalText(path, newText);
        _driver = _driver.ReplaceAdditionalText(_texts[index], replacement);
        _texts[index] = replacement;
    }

    public void ReplaceCSharp(int index, string newSource)
    {
        var old = Compilation.SyntaxTrees.ElementAt(index);
        Compilation = Compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(newSource, s_parseOptions));
    }

    /// <summary>Errors of the compilation that includes the generated code.</summary>
    public IReadOnlyList<Diagnostic> CompilationErrors() =>
        OutputCompilation!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

    /// <summary>
    /// Warnings and errors of the compilation that includes the generated code, with nullable warnings on in the
    /// generated files: they turn them off for users' builds (<c>#nullable disable warnings</c>, which spares every build
    /// the flow analysis), and the tests check them here instead.
    /// </summary>
    public IReadOnlyList<Diagnostic> DiagnosticsWithNullableWarnings()
    {
        var compilation = OutputCompilation!;
        foreach (var tree in compilation.SyntaxTrees.ToList())
        {
            var text = tree.GetText().ToString();
            if (!text.Contains(NullableWarningsOff, StringComparison.Ordinal)) continue;
            // Same length, so positions and line numbers stay those of the generated file.
            var checkedText = text.Replace(NullableWarningsOff, NullableWarningsOn.PadRight(NullableWarningsOff.Length), StringComparison.Ordinal);
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(checkedText, tree.GetText().Encoding)));
        }

        return compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    private const string NullableWarningsOff = "#nullable disable warnings";
    private const string NullableWarningsOn = "#nullable enable warnings";

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The running .NET's assemblies plus Microsoft.Extensions.AI.Abstractions and the PromptGen runtime, which generated code calls.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Where(p => System.IO.Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) ||
                        System.IO.Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(Microsoft.Extensions.AI.IChatClient).Assembly.Location)
            .Append(RuntimeLibrary.Location)
            .Distinct();
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
