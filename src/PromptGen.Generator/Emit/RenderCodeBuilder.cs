using System.Collections.Generic;
using System.Linq;
using PromptGen.Generator.Models;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Emit;

/// <summary>Compiles a prompt's template (and the partials it includes) into C# members, as a string for the model.</summary>
internal static class RenderCodeBuilder
{
    /// <summary>
    /// The typed <c>RenderTyped(Input, ...)</c> when the prompt has an input schema and every construct compiles over
    /// the typed records (<paramref name="isTyped"/> true); otherwise the dynamic <c>RenderTemplate(object?, ...)</c>.
    /// </summary>
    public static string Build(PromptDocumentModel document, EquatableArray<PartialSource> partials, RecordModel? input,
        IEnumerable<RecordModel> records, string containingClass, out bool isTyped)
    {
        isTyped = false;
        var w = new IndentedWriter();
        var parsed = TemplateParser.Parse(document.Template);
        if (parsed.HasErrors)
        {
            // PG0201 is reported on the file; the class still compiles so the rest of the project does.
            w.Line($"private static global::System.Collections.Generic.IList<{TypeNames.ChatMessage}> RenderTemplate(object? input, global::PromptGen.Rendering.PromptRenderOptions? options) =>");
            w.Line("    throw new global::System.InvalidOperationException(\"The template has syntax errors (PG0201); fix them to render this prompt.\");");
            return w.ToString();
        }

        var set = new PartialSet(partials.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Text));
        if (document.InputSchema is not null && input is not null)
        {
            try
            {
                var typed = TypedTemplateEmitter.TryEmit(parsed.Template, set, records.Append(input), containingClass);
                isTyped = true;
                return typed;
            }
            catch (TypedTemplateEmitter.NotTypedException)
            {
                // Something only the dynamic path renders exactly (see docs/architecture.md): compile it that way.
            }
        }

        TemplateEmitter.EmitRenderMethods(w, parsed.Template, set, "private");
        return w.ToString();
    }
}
