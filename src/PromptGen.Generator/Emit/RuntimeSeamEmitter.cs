using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>
/// TODO(lead): the method bodies that depend on the template compiler and on the runtime library's API
/// (<c>PromptRunner</c>, <c>SchemaAlignedParser</c>, <c>PromptParseReport</c>, <c>PromptOutputException</c>).
/// Every placeholder in generated code comes from this file and nowhere else; each method writes the body
/// (the lines between the braces) of one generated member. Everything they may call already exists in the
/// generated class: <c>JsonCodec.ReadOutputJson</c> (strict), <c>CreateOptions()</c>, the records.
/// </summary>
internal static class RuntimeSeamEmitter
{
    /// <summary>Body of <c>Render(Input input)</c>: straight-line C# compiled from the Handlebars template.</summary>
    public static void EmitRenderBody(IndentedWriter w, PromptModel model) =>
        w.Line("return Render(input, null);");

    /// <summary>
    /// The render overloads and the compiled template (<see cref="PromptModel.RenderCode"/>): <c>Render(Input, PromptRenderOptions?)</c>
    /// and <c>Render(JsonElement, PromptRenderOptions?)</c> (strictly read as <c>Input</c> when the prompt has an input
    /// schema; used as is when it has none).
    /// </summary>
    public static void EmitRenderMembers(IndentedWriter w, PromptModel model)
    {
        const string Rt = "global::PromptGen.Rendering.TemplateRuntime";
        const string Options = "global::PromptGen.Rendering.PromptRenderOptions";
        const string Messages = "global::System.Collections.Generic.IList<" + TypeNames.ChatMessage + ">";
        w.Line();
        w.Line("/// <summary>Renders the prompt's messages for <paramref name=\"input\"/> with history, context data and documents.</summary>");
        w.Line($"public static {Messages} Render(Input input, {Options}? options) =>");
        w.Line(model.IsRenderTyped
            ? "    RenderTyped(input, options);"
            : $"    RenderTemplate({Rt}.FromJson(JsonCodec.WriteInputJson(input)), options);");
        w.Line();
        w.Line("/// <summary>Renders the prompt's messages for an input given as JSON.</summary>");
        w.Line($"public static {Messages} Render({TypeNames.JsonElement} input, {Options}? options = null) =>");
        w.Line(model.HasInputSchema
            ? $"    Render(JsonCodec.ReadInputJson(input.GetRawText()), options);"
            : $"    RenderTemplate({Rt}.FromJson(input), options);");
        w.Line();
        foreach (var line in model.RenderCode.TrimEnd().Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length == 0) w.Raw("\n");
            else w.Line(line);
        }
    }

    /// <summary>
    /// The static data the parse path needs: <c>s_outputShape</c>, the output type as the schema-aligned parser sees
    /// it, built once from the mapped types (no schema parsing at run time).
    /// </summary>
    public static void EmitParseSupport(IndentedWriter w, PromptModel model)
    {
        if (model.IsTextOutput) return;
        w.Line();
        w.Line("/// <summary>The output type as the schema-aligned parser sees it (wire names, required fields, enum values).</summary>");
        w.Line($"private static readonly {OutputShapeType} s_outputShape =");
        w.Line("    " + OutputShapes.Expression(model, model.OutputType, w.Indent + 1) + ";");
    }

    /// <summary>
    /// Body of <c>TryParse(string modelText, out T? value, out PromptParseReport report)</c>: the strict codec first
    /// (clean JSON costs one pass and no repair), then the schema-aligned parser's canonical JSON through the same
    /// strict codec. Never throws.
    /// </summary>
    public static void EmitTryParseBody(IndentedWriter w, PromptModel model)
    {
        w.Line("if (modelText is null)");
        w.OpenBrace();
        w.Line("value = default;");
        w.Line($"report = new {TypeNames.PromptParseReport}(null, \"output is empty\");");
        w.Line("return false;");
        w.CloseBrace();
        w.Line();
        w.Line("try");
        w.OpenBrace();
        w.Line("value = JsonCodec.ReadOutputJson(modelText);");
        w.Line($"report = {TypeNames.PromptParseReport}.Clean;");
        w.Line("return true;");
        w.CloseBrace();
        w.Line("catch (global::System.Exception)");
        w.OpenBrace();
        w.Line("// Not clean JSON of the output type: repair it below.");
        w.CloseBrace();
        w.Line();
        w.Line("var outcome = global::PromptGen.SchemaAlignedParser.Parse(modelText, s_outputShape);");
        w.Line("if (!outcome.Success)");
        w.OpenBrace();
        w.Line("value = default;");
        w.Line("report = outcome.Report;");
        w.Line("return false;");
        w.CloseBrace();
        w.Line();
        w.Line("try");
        w.OpenBrace();
        w.Line("value = JsonCodec.ReadOutputUtf8Json(outcome.Utf8Json.Span);");
        w.Line("report = outcome.Report;");
        w.Line("return true;");
        w.CloseBrace();
        w.Line("catch (global::System.Exception exception)");
        w.OpenBrace();
        w.Line("value = default;");
        w.Line($"report = new {TypeNames.PromptParseReport}(outcome.Report.Repairs, \"the repaired output does not fit the output type: \" + exception.Message);");
        w.Line("return false;");
        w.CloseBrace();
    }

    /// <summary>Body of <c>Parse(string modelText)</c>: <c>TryParse</c>, throwing <c>PromptOutputException</c> on failure.</summary>
    public static void EmitParseBody(IndentedWriter w, PromptModel model)
    {
        w.Line("if (TryParse(modelText, out var value, out var report))");
        w.OpenBrace();
        // For a non-nullable value type, TryParse's out parameter is Nullable<T>.
        w.Line(model.OutputType.IsValueType && !model.OutputType.IsNullable ? "return value.GetValueOrDefault();" : "return value;");
        w.CloseBrace();
        w.Line();
        w.Line("throw new global::PromptGen.PromptOutputException(report, modelText);");
    }

    /// <summary>
    /// Body of <c>RunAsync(IChatClient client, Input input, ChatOptions? options, CancellationToken cancellationToken)</c>:
    /// <c>PromptRunner.RunAsync&lt;T&gt;</c> with <c>Render(input)</c>, the prompt's options under the caller's, and
    /// <c>TryParse</c> (text output: the model's text as is).
    /// </summary>
    public static void EmitRunAsyncBody(IndentedWriter w, PromptModel model)
    {
        var outputType = TypeNames.Of(model.OutputType, TypeNames.QualifiedClass(model.Identity));
        w.Line($"if (client is null) throw new global::System.ArgumentNullException(nameof(client));");
        w.Line($"if (input is null) throw new global::System.ArgumentNullException(nameof(input));");
        w.Line("var messages = Render(input);");
        w.Line("var merged = global::PromptGen.PromptChatOptions.Merge(CreateOptions(), options);");
        w.Line($"return global::PromptGen.PromptRunner.RunAsync<{outputType}>(client, messages, merged, ReadOutput, null, cancellationToken);");
        w.Line();
        w.Line($"static bool ReadOutput(string modelText, out {outputType} value, out {TypeNames.PromptParseReport} report)");
        w.OpenBrace();
        if (model.IsTextOutput)
        {
            w.Line("value = modelText ?? string.Empty;");
            w.Line($"report = {TypeNames.PromptParseReport}.Clean;");
            w.Line("return true;");
        }
        else if (model.OutputType.IsValueType && !model.OutputType.IsNullable)
        {
            w.Line("var ok = TryParse(modelText, out var parsed, out report);");
            w.Line("value = parsed.GetValueOrDefault();");
            w.Line("return ok;");
        }
        else
        {
            w.Line("var ok = TryParse(modelText, out var parsed, out report);");
            w.Line("value = parsed!;");
            w.Line("return ok;");
        }

        w.CloseBrace();
    }

    private const string OutputShapeType = "global::PromptGen.OutputShape";
}
