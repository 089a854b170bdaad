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
        w.Line($"    RenderTemplate({Rt}.FromJson(JsonCodec.WriteInputJson(input)), options);");
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
    /// Body of <c>TryParse(string modelText, out T? value, out PromptParseReport report)</c>: the repair path through
    /// the schema-aligned parser, then <c>JsonCodec.ReadOutputJson</c> on the repaired JSON.
    /// </summary>
    public static void EmitTryParseBody(IndentedWriter w, PromptModel model) =>
        w.Line("throw new global::System.NotImplementedException(\"TODO: PromptGen lenient parsing is not wired in yet.\");");

    /// <summary>Body of <c>Parse(string modelText)</c>: <c>TryParse</c>, throwing <c>PromptOutputException</c> on failure.</summary>
    public static void EmitParseBody(IndentedWriter w, PromptModel model) =>
        w.Line("throw new global::System.NotImplementedException(\"TODO: PromptGen lenient parsing is not wired in yet.\");");

    /// <summary>
    /// Body of <c>RunAsync(IChatClient client, Input input, ChatOptions? options, CancellationToken cancellationToken)</c>:
    /// <c>PromptRunner.RunAsync&lt;T&gt;(client, Render(input), options ?? CreateOptions(), reader, settings, cancellationToken)</c>.
    /// </summary>
    public static void EmitRunAsyncBody(IndentedWriter w, PromptModel model) =>
        w.Line("throw new global::System.NotImplementedException(\"TODO: PromptGen run loop is not wired in yet.\");");
}
