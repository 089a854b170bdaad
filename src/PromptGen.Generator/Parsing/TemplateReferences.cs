using System;
using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Parsing;

/// <summary>Finds the partials a template includes by name (<c>{{&gt; name}}</c> and <c>{{#&gt; name}}</c>).</summary>
internal static class TemplateReferences
{
    public static IReadOnlyList<string> Partials(Template template)
    {
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

        return names.ToList();
    }

    private static void AddName(SortedSet<string> names, Expression name)
    {
        // Dynamic partials ({{> (expr)}}) are resolved at render time only.
        if (name is SubExpression || name.Original == "@partial-block") return;
        names.Add(name.Original);
    }
}
