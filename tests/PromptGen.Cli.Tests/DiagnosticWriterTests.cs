using System.IO;
using PromptGen.Cli.Output;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Cli.Tests;

public sealed class DiagnosticWriterTests
{
    private static readonly PromptDiagnostic s_error = new(
        DiagnosticDescriptors.UndeclaredVariable, "prompts/triage.prompt",
        new SourceSpan(40, 47, 5, 3, 5, 10), "The template uses 'ticket', which the input schema does not declare");

    private static readonly PromptDiagnostic s_warning = new(
        DiagnosticDescriptors.UnknownFrontmatterKey, "prompts/triage.prompt",
        new SourceSpan(4, 9, 2, 1, 2, 6), "Unknown frontmatter key 'modle'; did you mean 'model'?");

    [Fact]
    public void Text_is_the_MSBuild_canonical_form_one_per_line()
    {
        var writer = new StringWriter();
        DiagnosticWriter.Write(writer, new[] { s_warning, s_error }, DiagnosticFormat.Text);
        Assert.Equal(
            "prompts/triage.prompt(2,1): warning PG0002: Unknown frontmatter key 'modle'; did you mean 'model'?\n" +
            "prompts/triage.prompt(5,3): error PG0203: The template uses 'ticket', which the input schema does not declare\n",
            writer.ToString());
    }

    [Fact]
    public void Json_is_an_array_of_objects_with_the_documented_keys()
    {
        var writer = new StringWriter();
        DiagnosticWriter.Write(writer, new[] { s_error }, DiagnosticFormat.Json);
        var value = PromptJson.Parse(writer.ToString());
        var expected = PromptJson.Parse(
            "[{\"id\":\"PG0203\",\"severity\":\"error\",\"path\":\"prompts/triage.prompt\",\"line\":5,\"column\":3," +
            "\"endLine\":5,\"endColumn\":10,\"message\":\"The template uses 'ticket', which the input schema does not declare\"}]");
        Assert.Equal(expected, value);
        Assert.StartsWith("[\n  {\n    \"id\": \"PG0203\",", writer.ToString());
    }

    [Fact]
    public void Json_without_diagnostics_is_an_empty_array()
    {
        var writer = new StringWriter();
        DiagnosticWriter.Write(writer, System.Array.Empty<PromptDiagnostic>(), DiagnosticFormat.Json);
        Assert.Equal("[]\n", writer.ToString());
    }

    [Fact]
    public void Text_without_diagnostics_is_empty()
    {
        var writer = new StringWriter();
        DiagnosticWriter.Write(writer, System.Array.Empty<PromptDiagnostic>(), DiagnosticFormat.Text);
        Assert.Equal(string.Empty, writer.ToString());
    }
}
