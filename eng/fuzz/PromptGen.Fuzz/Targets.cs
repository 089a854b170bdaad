extern alias evals;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using PromptGen.Language.Binding;
using PromptGen.Language.Documents;
using PromptGen.Language.Evals;
using PromptGen.Language.Rendering;
using PromptGen.Language.Schemas;
using PromptGen.Language.Semantics;
using PromptGen.Language.Templates;
using PromptGen.Language.Text;
using PromptGen.Language.Yaml;

namespace PromptGen.Fuzz;

/// <summary>
/// The twelve fuzz targets. Each feeds one input to a parser through its public entry point, the way the generator,
/// the CLI or generated code calls it, and turns a broken promise (an exception, a diagnostic without a location,
/// output that is not JSON, a verdict or value other than System.Text.Json's) into an exception that AFL records as a
/// crash.
/// </summary>
internal static class Targets
{
    private const string PromptPath = "fuzz.prompt";

    public static IReadOnlyList<FuzzTarget> All { get; } = new[]
    {
        new FuzzTarget("frontmatter", "a whole .prompt file: frontmatter extraction, the YAML reader, metadata", Frontmatter, PromptSeeds),
        new FuzzTarget("template", "a template: the parser, then the binder against a typed input with partials", Template, TemplateSeeds),
        new FuzzTarget("picoschema", "YAML whose input.schema / output.schema (or root) is converted from Picoschema and read", PicoschemaTarget, PromptSeeds),
        new FuzzTarget("eval", "a .eval.yaml file: the eval file parser and its checks against a prompt", Eval, EvalSeeds),
        new FuzzTarget("output", "model output: the loose JSON parser and shape aligner behind generated Parse", Output, OutputSeeds),
        new FuzzTarget("json", "model output on the strict path of generated Parse: the syntax check and value readers, against System.Text.Json", StrictJson.Run, StrictJson.Seeds),
        new FuzzTarget("stream", "a streamed answer: the streaming JSON reader fed whole, in character chunks and in UTF-8 byte chunks", StreamedJson.Run, StreamedJson.Seeds),
        new FuzzTarget("baseline", "an eval baseline file: read, or a located format error; what was read is written back and read again unchanged", EvalDataFiles.Baseline, EvalDataFiles.BaselineSeeds),
        new FuzzTarget("recording", "an eval recordings file, opened by the recording store: read, or a located format error", EvalDataFiles.Recording, EvalDataFiles.RecordingSeeds),
        new FuzzTarget("judge", "an llm-rubric judge's answer: the verdict reader (never throws, score within 0..1)", JudgeAnswers.Run, JudgeAnswers.Seeds),
        new FuzzTarget("editor", "a document open in the editor: every language-server feature at positions over the text", EditorFeatures.Run, EditorFeatures.Seeds),
        new FuzzTarget("capture", "cases import: capture files read and their calls appended as cases to an eval file", CaptureImport.Run, CaptureImport.Seeds),
    };

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    // ---- frontmatter -------------------------------------------------------------------------------------------

    private static void Frontmatter(string text)
    {
        var document = PromptDocumentParser.Parse(PromptPath, text);
        DiagnosticChecks.RequireLocations(document.Diagnostics, PromptPath, text);
        var yaml = YamlFrontmatterReader.Read(text, PromptPath);
        DiagnosticChecks.RequireLocations(yaml.Diagnostics, PromptPath, text);
    }

    private static IEnumerable<(string, string)> PromptSeeds(string root) =>
        SeedFiles.Find(root, ".prompt").Select(file => (SeedFiles.NameOf(root, file), File.ReadAllText(file)));

    // ---- template ----------------------------------------------------------------------------------------------

    /// <summary>A typed input with every kind the binder distinguishes: scalars, optionals, an enum, lists, nesting.</summary>
    private const string InputSchemaYaml = """
        name: string
        age?: integer
        score?: number
        vip?: boolean
        tags(array): string
        mood?(enum): [happy, sad]
        person(object):
          first: string
          address?(object):
            city: string
        items(array):
          title: string
          done: boolean
        history?(array):
          role: string
          text: string
        extra?: any
        """;

    private static readonly Lazy<SchemaNode> InputType = new(() =>
    {
        var yaml = YamlFrontmatterReader.Read(InputSchemaYaml, "input.yaml");
        return SchemaReader.Read(Picoschema.Convert(yaml.Root!.Value).Schema);
    });

    private const string TemplatePath = "fuzz.hbs";

    private static readonly Lazy<PartialCatalog> Partials = new(() => new PartialCatalog(new[]
    {
        new PartialFile("greeting", "partials/_greeting.prompt", "Hello {{name}}!"),
        new PartialFile("item", "partials/_item.prompt", "- {{title}}{{#if done}} (done){{/if}}"),
        new PartialFile("recursive", "partials/_recursive.prompt", "{{#if person}}{{> recursive}}{{/if}}"),
        new PartialFile("block", "partials/_block.prompt", "<{{> @partial-block}}>"),
    }));

    private static void Template(string text)
    {
        var parsed = TemplateParser.Parse(new TemplateSource(TemplatePath, text, 0, text.Length));
        DiagnosticChecks.RequireLocations(parsed.Diagnostics, TemplatePath, text);
        var binding = TemplateBinder.Bind(parsed.Template, InputType.Value, Partials.Value);
        DiagnosticChecks.RequireLocations(binding.Diagnostics, TemplatePath, text);
        TemplateBinder.Bind(parsed.Template, null, Partials.Value);
    }

    private static IEnumerable<(string, string)> TemplateSeeds(string root)
    {
        foreach (var file in SeedFiles.Find(root, ".prompt"))
        {
            var document = PromptDocumentParser.Parse(file, File.ReadAllText(file));
            yield return (SeedFiles.NameOf(root, file, ".hbs"), document.Template);
        }
    }

    // ---- picoschema --------------------------------------------------------------------------------------------

    private static void PicoschemaTarget(string text)
    {
        var yaml = YamlFrontmatterReader.Read(text, PromptPath);
        if (yaml.Root is null)
        {
            return;
        }

        var schemas = new List<YamlSourceNode>();
        foreach (var section in new[] { "input", "output" })
        {
            if (yaml.Root[section]?["schema"] is { } schema)
            {
                schemas.Add(schema);
            }
        }

        if (schemas.Count == 0)
        {
            schemas.Add(yaml.Root);
        }

        foreach (var schema in schemas)
        {
            var converted = Picoschema.Convert(schema.Value);
            DiagnosticChecks.RequireLocations(converted.Diagnostics, PromptPath, text);
            var node = SchemaReader.Read(converted.Schema);
            evals::PromptGen.Evals.Schemas.OutputShapes.FromSchema(node);
        }
    }

    // ---- eval --------------------------------------------------------------------------------------------------

    /// <summary>The prompt the <c>eval</c> and <c>capture</c> targets check eval files against.</summary>
    internal static readonly Lazy<PromptSemantics> ClassifyPrompt = new(() => PromptCompiler.Compile("Classify.prompt", """
        ---
        input:
          schema:
            ticket: string
            product?(enum): [Free, Pro]
        output:
          schema:
            category(enum): [billing, technical, other]
            summary: string
            tags(array): string
        ---
        Classify {{ticket}} for {{product}}.
        """));

    internal static readonly Lazy<PromptContext> EvalPrompt = new(() => PromptContext.From(ClassifyPrompt.Value));

    private static void Eval(string text)
    {
        const string path = "Classify.eval.yaml";
        var file = EvalFileParser.Parse(path, text);
        DiagnosticChecks.RequireLocations(file.Diagnostics, path, text);
        var checks = PromptCompiler.CheckEval(file, EvalPrompt.Value);
        DiagnosticChecks.RequireLocations(checks, path, text);
    }

    private static IEnumerable<(string, string)> EvalSeeds(string root) =>
        SeedFiles.Find(root, ".eval.yaml").Select(file => (SeedFiles.NameOf(root, file), File.ReadAllText(file)));

    // ---- output ------------------------------------------------------------------------------------------------

    /// <summary>The parsing corpus's named shapes, in name order; an input's first character picks one ('A' the first).</summary>
    private static readonly Lazy<OutputShape[]> Shapes = new(() => LoadShapes(AppContext.BaseDirectory));

    private static OutputShape[] LoadShapes(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "shapes.json")));
        return document.RootElement.EnumerateObject()
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => evals::PromptGen.Evals.Schemas.OutputShapes.FromJsonSchema(p.Value.GetRawText()))
            .ToArray();
    }

    private static string[] ShapeNames(string folder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "shapes.json")));
        return document.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }

    private static void Output(string input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var shapes = Shapes.Value;
        var shape = shapes[((input[0] - 'A') % shapes.Length + shapes.Length) % shapes.Length];
        var text = input.Substring(1);

        // Parse never throws: it turns its own bugs into a failed outcome. Keep the first exception it caught so a
        // crash report shows the stack, not only the message.
        Exception? caught = null;
        void Record(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) => caught ??= e.Exception;
        AppDomain.CurrentDomain.FirstChanceException += Record;
        PromptParseOutcome outcome;
        try
        {
            outcome = SchemaAlignedParser.Parse(text, shape);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        if (!outcome.Success)
        {
            var error = outcome.Report.Error ?? string.Empty;
            if (error.StartsWith("internal parser error", StringComparison.Ordinal))
            {
                throw new FuzzFinding(error, caught);
            }

            return;
        }

        try
        {
            using var json = JsonDocument.Parse(outcome.Utf8Json);
        }
        catch (JsonException ex)
        {
            throw new FuzzFinding("the parser succeeded with output that is not JSON: " + outcome.JsonText, ex);
        }
    }

    private static IEnumerable<(string, string)> OutputSeeds(string root)
    {
        var corpus = Path.Combine(root, "tests", "PromptGen.Tests", "ParsingCorpus");
        var names = ShapeNames(corpus);
        foreach (var file in Directory.EnumerateFiles(corpus, "*.txt", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n");
            var separator = text.IndexOf("\n---\n", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var header = text.Substring(0, separator);
            var shapeLine = header.Split('\n').FirstOrDefault(l => l.StartsWith("# shape:", StringComparison.Ordinal));
            var index = shapeLine is null ? -1 : Array.IndexOf(names, shapeLine.Substring("# shape:".Length).Trim());
            if (index < 0)
            {
                continue;
            }

            yield return (SeedFiles.NameOf(corpus, file), (char)('A' + index) + text.Substring(separator + 5));
        }
    }
}
