using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Catalog;

namespace PromptGen.Serialization;

/// <summary>
/// The <c>Parse</c>/<c>TryParse</c> of one generated output type, shared by every prompt: the strict reader first
/// (clean JSON costs one syntax scan and one read, no repair and no exception), then the schema-aligned parser, whose
/// canonical JSON is read by the same strict reader.
/// </summary>
/// <typeparam name="T">The output type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PromptOutputParser<T>
{
    private readonly JsonValueReader<T> _read;
    private readonly JsonValueWriter<T> _write;
    private readonly OutputShape _shape;
    private readonly JsonElement? _jsonSchema;

    /// <summary>Creates the parser of one output type.</summary>
    /// <param name="read">The generated strict reader of <typeparamref name="T"/>.</param>
    /// <param name="write">The generated writer of <typeparamref name="T"/> (wire names).</param>
    /// <param name="shape">The same type as the schema-aligned parser sees it.</param>
    public PromptOutputParser(JsonValueReader<T> read, JsonValueWriter<T> write, OutputShape shape)
    {
        _read = read ?? throw new ArgumentNullException(nameof(read));
        _write = write ?? throw new ArgumentNullException(nameof(write));
        _shape = shape ?? throw new ArgumentNullException(nameof(shape));
        Reader = TryParse;
    }

    /// <summary>Creates the parser of one output type from the one-line description of its shape that generated code holds.</summary>
    /// <param name="read">The generated strict reader of <typeparamref name="T"/>.</param>
    /// <param name="write">The generated writer of <typeparamref name="T"/> (wire names).</param>
    /// <param name="shape">The type as the schema-aligned parser sees it, as <see cref="OutputShape.ToString"/> writes it,
    /// e.g. <c>object{category: enum(billing|bug), note?: string?}</c>.</param>
    /// <exception cref="FormatException"><paramref name="shape"/> is not the description of a shape.</exception>
    public PromptOutputParser(JsonValueReader<T> read, JsonValueWriter<T> write, string shape)
        : this(read, write, OutputShapeText.Parse(shape))
    {
    }

    /// <summary>
    /// Creates the parser of one output type that also holds the JSON Schema the model is asked for (see
    /// <see cref="ResponseFormat"/>).
    /// </summary>
    /// <param name="read">The generated strict reader of <typeparamref name="T"/>.</param>
    /// <param name="write">The generated writer of <typeparamref name="T"/> (wire names).</param>
    /// <param name="shape">The type as the schema-aligned parser sees it, as <see cref="OutputShape.ToString"/> writes it.</param>
    /// <param name="jsonSchema">The output JSON Schema, exactly as it is sent to the model.</param>
    /// <exception cref="FormatException"><paramref name="shape"/> is not the description of a shape.</exception>
    public PromptOutputParser(JsonValueReader<T> read, JsonValueWriter<T> write, string shape, string jsonSchema)
        : this(read, write, shape) =>
        _jsonSchema = JsonText.ParseElement(jsonSchema ?? throw new ArgumentNullException(nameof(jsonSchema)));

    /// <summary>The response format that asks the model for this output: its JSON Schema, parsed once, under a name.</summary>
    /// <param name="schemaName">The schema's name (letters, digits, <c>_</c> and <c>-</c>).</param>
    /// <param name="schemaDescription">The schema's description, if any.</param>
    /// <exception cref="InvalidOperationException">The parser was created without a JSON Schema.</exception>
    public ChatResponseFormat ResponseFormat(string schemaName, string? schemaDescription) =>
        ChatResponseFormat.ForJsonSchema(
            _jsonSchema ?? throw new InvalidOperationException("This parser was created without the output's JSON Schema."),
            schemaName,
            schemaDescription);

    /// <summary>The output type as the schema-aligned parser sees it.</summary>
    public OutputShape Shape => _shape;

    /// <summary><see cref="TryParse"/> as the reader <see cref="PromptRunner"/> takes.</summary>
    public PromptOutputReader<T> Reader { get; }

    /// <summary>Parses model output leniently; never throws.</summary>
    /// <param name="modelText">The model's answer.</param>
    /// <param name="value">The parsed value; default on failure.</param>
    /// <param name="report">Every repair applied, and the error on failure.</param>
    /// <returns>True when the output (repaired if needed) fits <typeparamref name="T"/>.</returns>
    public bool TryParse(string? modelText, [MaybeNullWhen(false)] out T value, out PromptParseReport report)
    {
        if (modelText is null)
        {
            value = default;
            report = new PromptParseReport(null, "output is empty");
            return false;
        }

        try
        {
            if (JsonText.TryRead(modelText, _read, out value))
            {
                report = PromptParseReport.Clean;
                return true;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Only a defect gets here (the syntax check makes the reader non-throwing): let the repair path decide.
        }

        // The repaired JSON is read before anything else parses on this thread, so it need not be copied out.
        var outcome = SchemaAlignedParser.ParseTransient(modelText, _shape);
        if (!outcome.Success)
        {
            value = default;
            report = outcome.Report;
            return false;
        }

        if (JsonText.TryReadUtf8(outcome.Utf8Json.Span, _read, out value))
        {
            report = outcome.Report;
            return true;
        }

        value = default;
        report = new PromptParseReport(outcome.Report.Repairs, "the repaired output does not fit the output type: " + JsonReadFailure.Describe(outcome.Utf8Json.Span));
        return false;
    }

    /// <summary>Parses model output leniently.</summary>
    /// <param name="modelText">The model's answer.</param>
    /// <returns>The parsed value.</returns>
    /// <exception cref="PromptOutputException">The output cannot be parsed, even with repairs.</exception>
    public T Parse(string modelText) =>
        TryParse(modelText, out var value, out var report) ? value : throw new PromptOutputException(report, modelText);

    /// <summary>Parses model output and writes the value back as JSON with its wire names (for untyped callers such as eval runners).</summary>
    /// <param name="modelText">The model's answer.</param>
    /// <returns>The JSON of the value, or the failure, with the report.</returns>
    public PromptJsonParseResult ParseToJson(string modelText) =>
        TryParse(modelText, out var value, out var report)
            ? new PromptJsonParseResult(true, JsonText.Write(value, _write), report)
            : new PromptJsonParseResult(false, null, report);
}
