namespace PromptGen.Language.Templates;

/// <summary>
/// Binds every call site and path of a parsed template to what it names, once, right after parsing: helper or value
/// (<see cref="CallTarget"/>), and whether a path starts with a block parameter. Block parameters are lexical: a
/// program sees the parameters of the blocks around it in the same template, never a caller's (a partial is
/// compiled on its own, as in Handlebars).
/// </summary>
internal sealed class CallResolver
{
    private readonly List<IReadOnlyList<string>> _blockParams = new();

    public static void Resolve(Template template) => new CallResolver().VisitProgram(template.Body);

    private void VisitProgram(TemplateProgram? program)
    {
        if (program is null) return;
        StackGuard.Check();
        var pushed = program.BlockParams.Count > 0;
        if (pushed) _blockParams.Add(program.BlockParams);
        var statements = program.Statements;
        for (var i = 0; i < statements.Count; i++)
        {
            switch (statements[i])
            {
                case MustacheStatement mustache:
                    mustache.Call = ResolveCall(mustache.Path, mustache.Params, mustache.Hash, isSubExpression: false);
                    break;
                case BlockStatement block:
                    block.Call = ResolveCall(block.Path, block.Params, block.Hash, isSubExpression: false);
                    VisitProgram(block.Program);
                    VisitProgram(block.Inverse);
                    break;
                case PartialStatement partial:
                    VisitExpression(partial.Name);
                    VisitArguments(partial.Params, partial.Hash);
                    break;
                case PartialBlockStatement partialBlock:
                    VisitExpression(partialBlock.Name);
                    VisitArguments(partialBlock.Params, partialBlock.Hash);
                    VisitProgram(partialBlock.Program);
                    break;
            }
        }

        if (pushed) _blockParams.RemoveAt(_blockParams.Count - 1);
    }

    private CallTarget ResolveCall(Expression callee, IReadOnlyList<Expression> parameters, HashExpression? hash, bool isSubExpression)
    {
        VisitExpression(callee);
        VisitArguments(parameters, hash);
        var path = callee as PathExpression;
        var isSimple = path is null || path.IsSimple;
        var hasArguments = isSubExpression || parameters.Count > 0 || hash is not null;
        if (path is not null && isSimple && path.HeadIsBlockParameter)
        {
            return hasArguments && !isSubExpression ? CallTarget.BlockParameterWithArguments : CallTarget.BlockParameter;
        }

        var name = path is null ? callee.Original : path.Head;
        var isHelper = hasArguments || (isSimple && name is not null && KnownHelpers.IsKnown(name));
        if (!isHelper) return CallTarget.Value;
        if (name is null || !isSimple || !KnownHelpers.IsKnown(name)) return CallTarget.Unknown;
        return CallTarget.ForHelper(name);
    }

    private void VisitArguments(IReadOnlyList<Expression> parameters, HashExpression? hash)
    {
        for (var i = 0; i < parameters.Count; i++) VisitExpression(parameters[i]);
        if (hash is null) return;
        for (var i = 0; i < hash.Pairs.Count; i++) VisitExpression(hash.Pairs[i].Value);
    }

    private void VisitExpression(Expression expression)
    {
        switch (expression)
        {
            case PathExpression path:
                path.HeadIsBlockParameter = IsBlockParameter(path);
                break;
            case SubExpression sub:
                sub.Call = ResolveCall(sub.Path, sub.Params, sub.Hash, isSubExpression: true);
                break;
        }
    }

    private bool IsBlockParameter(PathExpression path)
    {
        if (path.IsData || path.Depth != 0 || path.IsScoped || path.Parts.Count == 0) return false;
        var head = path.Parts[0];
        foreach (var names in _blockParams)
        {
            foreach (var name in names)
            {
                if (name == head) return true;
            }
        }

        return false;
    }
}
