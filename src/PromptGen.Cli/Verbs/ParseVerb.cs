using System.Text.Json;
using PromptGen.Cli.Arguments;
using PromptGen.Evals.Files;
using PromptGen.Evals.Schemas;
using PromptGen.Language.Semantics;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// <c>promptgen parse</c>: runs the schema-aligned parser for a prompt's output schema on a model output and prints
/// the value with every repair, exactly what generated <c>Parse</c>/<c>TryParse</c> would accept.
/// </summary>
internal sealed class ParseVerb : PromptFileVerb
{
    private static readonly OptionSpec TextOption = new("--text", "text|@file", "The model output, inline or as @path to a file (required; '@@' starts inline text with '@').");
    private static readonly OptionSpec StrictOption = new("--strict", null, "Accept only output that needs no repair (benign normalizations such as null for a missing optional are allowed).");

    public override VerbSpec Spec { get; } = PromptFileSpec(
        "parse",
        "Parse a model output with a prompt's output schema and show the repairs.",
        "Runs the schema-aligned parser for the prompt's output schema on a model output (the same parser generated\n" +
        "Parse/TryParse use) and prints {\"ok\":true,\"value\":...,\"repairs\":[...]} or {\"ok\":false,\"error\":...,\"repairs\":[...]}.\n" +
        "Each repair is {kind, path, start, length, message}; start and length locate it in the text (UTF-16 units).\n" +
        "A prompt without an output schema (or with output.format: text) returns the text as is.\n" +
        "Exit code 1 when the output cannot be parsed (or the prompt's frontmatter has errors, printed to stderr).",
        TextOption,
        StrictOption);

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var path = arguments.Positionals[0];
        var modelText = ReadModelText(arguments.GetValue(TextOption));
        var strict = arguments.HasFlag(StrictOption);

        EnsureReadable(path);
        var prompt = Compile(path);

        // Only the frontmatter and schemas matter for parsing: template mistakes do not change the output type.
        var diagnostics = prompt.Diagnostics.Where(d => !d.Id.StartsWith("PG02", StringComparison.Ordinal)).ToList();
        if (ReportErrors(stderr, diagnostics)) return CommandLine.ErrorsFound;

        if (prompt.Output is null)
        {
            // Text output: generated code returns the model's text as is.
            stdout.Write(Success(writer => writer.WriteStringValue(modelText), Array.Empty<PromptRepair>()));
            return CommandLine.Success;
        }

        // The shape generated Parse uses, from the same semantic model.
        var shape = OutputShapes.FromSchema(prompt.Output);
        var outcome = SchemaAlignedParser.Parse(modelText, shape, strict ? new PromptParseOptions { Strict = true } : null);
        if (!outcome.Success)
        {
            stdout.Write(Failure(outcome.Report.Error ?? "output could not be parsed", outcome.Report.Repairs));
            return CommandLine.ErrorsFound;
        }

        // Re-read the canonical JSON so the value is indented like the rest of the output.
        using var value = JsonDocument.Parse(outcome.Utf8Json);
        stdout.Write(Success(writer => value.RootElement.WriteTo(writer), outcome.Report.Repairs));
        return CommandLine.Success;
    }

    private static string ReadModelText(string? argument)
    {
        if (argument is null) throw new UsageException($"{TextOption} is required: the model output to parse");
        if (argument.StartsWith("@@", StringComparison.Ordinal)) return argument.Substring(1);
        return InputFile.ReadAtFile(TextOption.Name, argument) ?? argument;
    }

    private static string Success(Action<Utf8JsonWriter> writeValue, IReadOnlyList<PromptRepair> repairs) =>
        Write(writer =>
        {
            writer.WriteBoolean("ok", true);
            writer.WritePropertyName("value");
            writeValue(writer);
            WriteRepairs(writer, repairs);
        });

    private static string Failure(string error, IReadOnlyList<PromptRepair> repairs) =>
        Write(writer =>
        {
            writer.WriteBoolean("ok", false);
            writer.WriteString("error", error);
            WriteRepairs(writer, repairs);
        });

    private static void WriteRepairs(Utf8JsonWriter writer, IReadOnlyList<PromptRepair> repairs)
    {
        writer.WriteObjects("repairs", repairs, (writer, repair) =>
        {
            writer.WriteString("kind", repair.Kind.ToString());
            writer.WriteString("path", repair.Path);
            writer.WriteNumber("start", repair.Start);
            writer.WriteNumber("length", repair.Length);
            writer.WriteString("message", repair.Message);
        });
    }

    private static string Write(Action<Utf8JsonWriter> writeMembers) => JsonFileText.WriteObject(JsonFileText.IndentedReadable, writeMembers);
}
