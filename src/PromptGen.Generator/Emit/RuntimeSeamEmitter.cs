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
        w.Line("throw new global::System.NotImplementedException(\"TODO: PromptGen template compilation is not wired in yet.\");");

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
