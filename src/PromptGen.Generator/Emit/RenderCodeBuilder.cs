using System.Linq;
using PromptGen.Generator.Models;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Emit;

/// <summary>Compiles a prompt's template (and the partials it includes) into C# members, as a string for the model.</summary>
internal static class RenderCodeBuilder
{
    public static string Build(PromptDocumentModel document, EquatableArray<PartialSource> partials)
    {
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
        TemplateEmitter.EmitRenderMethods(w, parsed.Template, set, "private");
        return w.ToString();
    }
}
