using PromptGen.Language.Collections;
using PromptGen.Language.Templates;

namespace PromptGen.Language.Semantics;

/// <summary>Finds the partials a template includes by name (<c>{{&gt; name}}</c> and <c>{{#&gt; name}}</c>).</summary>
public static class PartialReferences
{
    /// <summary>The static partial names, sorted; dynamic partials (<c>{{&gt; (expr)}}</c>) are resolved at render time only.</summary>
    public static EquatableArray<string> Of(Template template)
    {
        if (template is null) throw new ArgumentNullException(nameof(template));
        var names = new SortedSet<string>(StringComparer.Ordinal);

        // Iterative walk: templates may nest deeply.
        var pending = new Stack<TemplateProgram>();
        pending.Push(template.Body);
        while (pending.Count > 0)
        {
            foreach (var statement in pending.Pop().Statements)
            {
                switch (statement)
                {
                    case PartialStatement partial:
                        AddName(names, partial.Name);
                        break;
                    case PartialBlockStatement partialBlock:
                        AddName(names, partialBlock.Name);
                        pending.Push(partialBlock.Program);
                        break;
                    case BlockStatement block:
                        if (block.Program is not null) pending.Push(block.Program);
                        if (block.Inverse is not null) pending.Push(block.Inverse);
                        break;
                }
            }
        }

        return names.ToEquatableArray();
    }

    private static void AddName(SortedSet<string> names, Expression name)
    {
        if (name is SubExpression || name.Original == "@partial-block") return;
        names.Add(name.Original);
    }
}
