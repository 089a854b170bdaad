using PromptGen.Generator.Models;
using PromptGen.Language.Semantics;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Emit;

/// <summary>Compiles a prompt's bound template (and the partials it includes) into C# members, as a string for the model.</summary>
internal static class RenderCodeBuilder
{
    /// <summary>
    /// The typed <c>RenderTyped(Input, ...)</c> when the prompt has an input schema and every construct compiles over
    /// the typed records (<paramref name="isTyped"/> true); otherwise the dynamic <c>RenderTemplate(object?, ...)</c>.
    /// </summary>
    public static string Build(PromptSemantics semantics, RecordModel input, IEnumerable<RecordModel> records, string containingClass, out bool isTyped,
        CancellationToken cancellationToken = default)
    {
        isTyped = false;
        var w = new IndentedWriter();
        if (semantics.HasTemplateErrors)
        {
            // PG0201 is reported on the file; the class still compiles so the rest of the project does.
            w.Line($"private static global::System.Collections.Generic.IList<{TypeNames.ChatMessage}> RenderTemplate(object? input, global::PromptGen.Rendering.PromptRenderOptions? options) =>");
            w.Line("    throw new global::System.InvalidOperationException(\"The template has syntax errors (PG0201); fix them to render this prompt.\");");
            return w.ToString();
        }

        if (semantics.Input is not null)
        {
            try
            {
                // Deep templates can need more stack than the compiler's thread has: StackGuard moves the work to a
                // thread with a large stack instead of letting a stack overflow kill the compiler.
                var typed = StackGuard.Run(() => TypedTemplateEmitter.TryEmit(semantics.Template, semantics.Partials, records.Append(input), containingClass, cancellationToken));
                isTyped = true;
                return typed;
            }
            catch (TypedTemplateEmitter.NotTypedException)
            {
                // Something only the dynamic path renders exactly (see docs/architecture.md): compile it that way.
            }
        }

        return StackGuard.Run(() =>
        {
            var methods = new IndentedWriter();
            TemplateEmitter.EmitRenderMethods(methods, semantics.Template, semantics.Partials, "private", cancellationToken);
            return methods.ToString();
        });
    }
}
