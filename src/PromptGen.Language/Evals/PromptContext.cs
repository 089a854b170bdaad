using System;
using System.Collections.Generic;
using System.Text;
using PromptGen.Language.Documents;
using PromptGen.Language.Values;

namespace PromptGen.Language.Evals;

/// <summary>What the eval checker needs to know about the prompt an eval file tests: its input and output schemas (as JSON Schema).</summary>
public sealed class PromptContext
{
    /// <summary>The prompt file's path (its file name is used in messages).</summary>
    public string PromptPath { get; init; } = string.Empty;

    /// <summary>The prompt's name (frontmatter <c>name</c>, else the file name without <c>.prompt</c>).</summary>
    public string PromptName { get; init; } = string.Empty;

    /// <summary><c>input.schema</c> converted to JSON Schema; <c>null</c> when the prompt declares none (inputs are then not checked).</summary>
    public PromptValue? InputSchema { get; init; }

    /// <summary><c>input.default</c>: fields with a default may be left out of a case's input.</summary>
    public PromptValue? InputDefault { get; init; }

    /// <summary><c>output.schema</c> converted to JSON Schema, or <c>null</c>.</summary>
    public PromptValue? OutputSchema { get; init; }

    /// <summary><c>output.format</c> as written (<c>json</c>, <c>text</c>, ...), or <c>null</c>.</summary>
    public string? OutputFormat { get; init; }

    /// <summary>The generated output type for messages, e.g. <c>TriageTicketPrompt.Output</c>; derived from the name when not set.</summary>
    public string? OutputTypeName { get; init; }

    /// <summary>True when the prompt returns a typed value (an output schema, and a format other than <c>text</c>).</summary>
    public bool HasTypedOutput => OutputSchema is { Kind: PromptValueKind.Object } && !string.Equals(OutputFormat, "text", StringComparison.Ordinal);

    /// <summary>The prompt's file name, e.g. <c>TriageTicket.prompt</c>.</summary>
    public string PromptFileName
    {
        get
        {
            var separator = Math.Max(PromptPath.LastIndexOf('/'), PromptPath.LastIndexOf('\\'));
            return separator >= 0 ? PromptPath.Substring(separator + 1) : PromptPath;
        }
    }

    internal string OutputTypeDisplay => OutputTypeName ?? PascalCase(PromptName.Length > 0 ? PromptName : FileStem(PromptFileName)) + "Prompt.Output";

    /// <summary>The context of a parsed <c>.prompt</c> file.</summary>
    public static PromptContext FromDocument(PromptDocument document)
    {
        if (document is null) throw new ArgumentNullException(nameof(document));
        var metadata = document.Metadata;
        var name = metadata.Name;
        if (string.IsNullOrEmpty(name))
        {
            var separator = Math.Max(document.Path.LastIndexOf('/'), document.Path.LastIndexOf('\\'));
            name = FileStem(separator >= 0 ? document.Path.Substring(separator + 1) : document.Path);
        }

        return new PromptContext
        {
            PromptPath = document.Path,
            PromptName = name!,
            InputSchema = metadata.InputSchema,
            InputDefault = metadata.InputDefault,
            OutputSchema = metadata.OutputSchema,
            OutputFormat = metadata.OutputFormat,
        };
    }

    private static string FileStem(string fileName) =>
        fileName.EndsWith(EvalPromptLink.PromptExtension, StringComparison.OrdinalIgnoreCase) ? fileName.Substring(0, fileName.Length - EvalPromptLink.PromptExtension.Length) : fileName;

    /// <summary>An approximation of the generator's naming, used only in messages when <see cref="OutputTypeName"/> is not given.</summary>
    private static string PascalCase(string name)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.Length == 0 ? "Prompt" : builder.ToString();
    }
}
