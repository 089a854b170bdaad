using PromptGen.Language.Templates;

namespace PromptGen.LanguageServer.Features;

/// <summary>A node of a template together with the program whose scope it is evaluated in.</summary>
internal readonly record struct ScopedNode(TemplateProgram Program, TemplateNode Node);

/// <summary>Visits every statement and expression of a template, each with the program whose scope it is read in.</summary>
internal static class TemplateWalker
{
    public static IEnumerable<ScopedNode> Walk(TemplateProgram program)
    {
        var pending = new Stack<TemplateProgram>();
        pending.Push(program);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var statement in current.Statements)
            {
                yield return new ScopedNode(current, statement);
                switch (statement)
                {
                    case MustacheStatement mustache:
                        foreach (var node in Call(mustache.Path, mustache.Params, mustache.Hash)) yield return new ScopedNode(current, node);
                        break;
                    case BlockStatement block:
                        foreach (var node in Call(block.Path, block.Params, block.Hash)) yield return new ScopedNode(current, node);
                        if (block.Program is not null) pending.Push(block.Program);
                        if (block.Inverse is not null) pending.Push(block.Inverse);
                        break;
                    case PartialStatement partial:
                        foreach (var node in Call(partial.Name, partial.Params, partial.Hash)) yield return new ScopedNode(current, node);
                        break;
                    case PartialBlockStatement partialBlock:
                        foreach (var node in Call(partialBlock.Name, partialBlock.Params, partialBlock.Hash)) yield return new ScopedNode(current, node);
                        pending.Push(partialBlock.Program);
                        break;
                }
            }
        }
    }

    /// <summary>Every program of the template (the body and each block's bodies).</summary>
    public static IEnumerable<TemplateProgram> Programs(TemplateProgram program)
    {
        yield return program;
        foreach (var scoped in Walk(program))
        {
            switch (scoped.Node)
            {
                case BlockStatement block:
                    if (block.Program is not null) yield return block.Program;
                    if (block.Inverse is not null) yield return block.Inverse;
                    break;
                case PartialBlockStatement partialBlock:
                    yield return partialBlock.Program;
                    break;
            }
        }
    }

    private static IEnumerable<TemplateNode> Call(Expression head, IReadOnlyList<Expression> parameters, HashExpression? hash)
    {
        foreach (var node in Expression(head)) yield return node;
        foreach (var parameter in parameters)
        {
            foreach (var node in Expression(parameter)) yield return node;
        }

        if (hash is null) yield break;
        foreach (var pair in hash.Pairs)
        {
            yield return pair;
            foreach (var node in Expression(pair.Value)) yield return node;
        }
    }

    private static IEnumerable<TemplateNode> Expression(Expression expression)
    {
        yield return expression;
        if (expression is SubExpression sub)
        {
            foreach (var node in Call(sub.Path, sub.Params, sub.Hash)) yield return node;
        }
    }
}
