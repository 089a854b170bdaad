using PromptGen.Language.Rendering;
using PromptGen.Language.Semantics;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Compiles a parsed Handlebars template into straight-line C#: every statement becomes a write, every block an
/// <c>if</c> or a <c>foreach</c>, every partial a method. Values whose type is not known statically go through
/// <c>PromptGen.Rendering.TemplateRuntime</c>, which shares its algorithms (truthiness, lookups, iteration, helpers,
/// message assembly) with the run-time renderer as source, so both render the same messages.
/// </summary>
internal sealed class TemplateEmitter
{

    private IndentedWriter _w;
    private readonly IPartialResolver _partials;
    private readonly HashSet<string> _usedPartials = new(StringComparer.Ordinal);
    private int _counter;

    private readonly CancellationToken _cancellationToken;

    private TemplateEmitter(IndentedWriter w, IPartialResolver partials, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _w = w;
        _partials = partials;
    }

    /// <summary>The scope of a program as C# variables: context, <c>../</c> stack, data frame, block parameters.</summary>
    private sealed class Scope
    {
        public required string Writer { get; init; }
        public required string Context { get; init; }
        public required string Stack { get; init; }
        public required string Frame { get; init; }
        public required IReadOnlyList<(string Name, string Variable)> BlockParams { get; init; }

        /// <summary>The C# delegate variable that renders <c>{{> @partial-block}}</c>, inside a partial.</summary>
        public string? PartialBlock { get; init; }

        /// <summary>The <c>#each</c> run whose data frame <see cref="Frame"/> is, or null: its variables are read from the run.</summary>
        public string? Run { get; init; }
    }

    /// <summary>
    /// Writes <c>RenderTemplate(object? input, PromptRenderOptions? options)</c> and one method per partial it reaches.
    /// </summary>
    public static void EmitRenderMethods(IndentedWriter w, Template template, IPartialResolver partials, string accessibility,
        CancellationToken cancellationToken = default)
    {
        // Each method is written on its own, then stripped of the scope locals it never reads.
        var emitter = new TemplateEmitter(new IndentedWriter(w.Indent), partials, cancellationToken);
        var body = emitter._w;
        body.Line(RenderCodeBuilder.RenderTemplateHeader);
        body.OpenBrace();
        RenderCodeBuilder.EmitRenderStart(body, historyLocal: true);
        body.Line($"var c0 = {TypeNames.TemplateRuntime}.RootContext(input);");
        body.Line($"var s0 = {TypeNames.TemplateRuntime}.NewStack(c0);");
        body.Line($"var f0 = {TypeNames.TemplateRuntime}.RootData(c0, options, history);");
        var root = new Scope { Writer = "w0", Context = "c0", Stack = "s0", Frame = "f0", BlockParams = Array.Empty<(string, string)>() };
        emitter.EmitStatements(template.Body, root);
        body.Line(RenderCodeBuilder.RenderReturn(historyLocal: true));
        body.CloseBrace();
        w.Raw(UnusedLocals.Remove(body.ToStringAndFree()));

        var done = new HashSet<string>(StringComparer.Ordinal);
        while (emitter._usedPartials.Except(done).OrderBy(n => n, StringComparer.Ordinal).FirstOrDefault() is { } name)
        {
            done.Add(name);
            emitter._w = new IndentedWriter(w.Indent);
            emitter.EmitPartialMethod(name, partials.Resolve(name)!);
            w.Raw(UnusedLocals.Remove(emitter._w.ToStringAndFree()));
        }
    }

    private static string PartialMethod(string name) =>
        "RenderPartial_" + new string(name.Select(c => c < 128 && char.IsLetterOrDigit(c) ? c : '_').ToArray()) + "_" + ((uint)StableHash(name)).ToString("x8");

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }

    private const string PartialBlockType = "global::System.Action<" + TypeNames.TemplateWriter + ", object?, object>";

    private void EmitPartialMethod(string name, PartialTemplate partial)
    {
        _w.Line();
        _w.Line($"private static void {PartialMethod(name)}({TypeNames.TemplateWriter} pw, object? pc, object pf, {PartialBlockType}? pb)");
        _w.OpenBrace();
        _w.Line($"pw.EnterPartial({CSharpLiterals.Quote(name)});");
        _w.Line("var ps = " + TypeNames.TemplateRuntime + ".NewStack(pc);");
        var scope = new Scope { Writer = "pw", Context = "pc", Stack = "ps", Frame = "pf", BlockParams = Array.Empty<(string, string)>(), PartialBlock = "pb" };
        EmitStatements(partial.Template.Body, scope);
        _w.Line("pw.LeavePartial();");
        _w.CloseBrace();
    }

    private string Next(string prefix) => prefix + (++_counter);

    private void EmitStatements(TemplateProgram program, Scope scope) =>
        RenderCodeBuilder.EmitProgram(program, _w, scope.Writer, _cancellationToken, statement => EmitStatement(statement, scope));

    private void EmitStatement(Statement statement, Scope scope)
    {
        switch (statement)
        {
            case MustacheStatement mustache when mustache.Call.HelperName(mustache.Path) == "role" && mustache.Params.Count > 0:
                // What Value(Role(name)) writes, without the intermediate SafeString (the three common roles are shared).
                _w.Line($"{scope.Writer}.Role({RenderCodeBuilder.RoleName(mustache.Params[0], p => Value(p, scope))});");
                break;
            case MustacheStatement mustache when mustache.Call.HelperName(mustache.Path) == "json" && mustache.Params.Count == 1:
                // What Value(Json(value, indent)) writes, without a string and a SafeString for the text.
                _w.Line($"{scope.Writer}.Json({Value(mustache.Params[0], scope)}, {HashValue(mustache.Hash, "indent", scope)});");
                break;
            case MustacheStatement mustache:
                _w.Line($"{scope.Writer}.Value({WrittenPath(mustache, scope) ?? Call(mustache.Call, mustache.Path, mustache.Params, mustache.Hash, scope)});");
                break;
            case BlockStatement block:
                EmitBlock(block, scope);
                break;
            case PartialStatement partial:
                EmitPartial(partial.Name, partial.Params, partial.Hash, partial.Indent, null, scope);
                break;
            case PartialBlockStatement partialBlock:
                EmitPartial(partialBlock.Name, partialBlock.Params, partialBlock.Hash, string.Empty, partialBlock.Program, scope);
                break;
        }
    }

    private static string Strings(IEnumerable<string> parts) => string.Join(", ", parts.Select(CSharpLiterals.String));

    private string Path(PathExpression path, Scope scope)
    {
        if (path.IsData) return RunVariable(path, scope) ?? $"{TypeNames.TemplateRuntime}.Data({scope.Frame}, {path.Depth}{Tail(path.Parts, 0)})";
        var target = LookupTarget(path, scope, out var start);
        return path.Parts.Count == start ? target : $"{TypeNames.TemplateRuntime}.Path({target}{Tail(path.Parts, start)})";
    }

    /// <summary><c>@index</c>, <c>@key</c>, <c>@first</c> or <c>@last</c> of the enclosing <c>#each</c> run, read from the run (no frame made for it).</summary>
    private static string? RunVariable(PathExpression path, Scope scope)
    {
        if (scope.Run is null || path.Depth != 0 || path.Parts.Count != 1) return null;
        return path.Parts[0] switch
        {
            "index" => scope.Run + ".Index",
            "key" => scope.Run + ".Key",
            "first" => scope.Run + ".First",
            "last" => scope.Run + ".Last",
            _ => null,
        };
    }

    /// <summary>
    /// <c>#if</c> of <c>@first</c> or <c>@last</c> of the enclosing <c>#each</c> run: the run's own flag (a boolean's
    /// test is the boolean, with or without a run), not a template value tested at run time; else null.
    /// </summary>
    private static string? RunFlag(Expression value, Scope scope)
    {
        if (value is not PathExpression { IsData: true } path || scope.Run is null || path.Depth != 0 || path.Parts.Count != 1) return null;
        return path.Parts[0] switch
        {
            "first" => scope.Run + ".IsFirst",
            "last" => scope.Run + ".IsLast",
            _ => null,
        };
    }

    /// <summary>What a (non-data) path looks its names up in, and the first of its names looked up there.</summary>
    private string LookupTarget(PathExpression path, Scope scope, out int start)
    {
        start = 1;
        if (path.TryFindBlockParameter(scope.BlockParams, out var variable)) return variable;
        start = 0;
        return path.Depth == 0 ? scope.Context : $"{TypeNames.TemplateRuntime}.Up({scope.Stack}, {path.Depth})";
    }

    /// <summary>
    /// The arguments <c>target, name[, name]</c> of a value that looks up one or two names, for the runtime's overloads
    /// that read a scalar of the input where it lies (what they do is what the same call on <c>Path(target, ...)</c>
    /// does); else null.
    /// </summary>
    private string? PathArguments(Expression value, Scope scope)
    {
        if (value is not PathExpression { IsData: false } path) return null;
        var target = LookupTarget(path, scope, out var start);
        return path.Parts.Count - start is 1 or 2 ? target + Tail(path.Parts, start) : null;
    }

    /// <summary>The arguments of the writer's <c>Value(target, name[, name])</c> for a mustache that writes a plain value.</summary>
    private string? WrittenPath(MustacheStatement mustache, Scope scope) =>
        mustache.Call.HelperName(mustache.Path) is null ? PathArguments(mustache.Path, scope) : null;

    private static string Tail(IReadOnlyList<string> parts, int start) =>
        parts.Count <= start ? string.Empty : ", " + Strings(parts.Skip(start));

    private string Value(Expression expression, Scope scope) => expression switch
    {
        PathExpression path => Path(path, scope),
        SubExpression sub => Call(sub.Call, sub.Path, sub.Params, sub.Hash, scope),
        _ => RenderCodeBuilder.LiteralValue(expression) ?? "null",
    };

    private string HashValue(HashExpression? hash, string key, Scope scope) =>
        RenderCodeBuilder.HashArgument(hash, key) is { } value ? Value(value, scope) : "null";

    private static string Throw(string message) => $"{TypeNames.TemplateRuntime}.Throw({CSharpLiterals.String(message)})";

    private static string Fail(string message) => $"{TypeNames.TemplateRuntime}.Fail({CSharpLiterals.String(message)})";

    /// <summary>The callee of a call that is not a helper call, as the value it looks up.</summary>
    private string PlainValue(Expression callee, Scope scope) =>
        callee is PathExpression path ? Path(path, scope) : $"{TypeNames.TemplateRuntime}.Path({scope.Context}, {CSharpLiterals.String(callee.Original)})";

    /// <summary>A mustache or subexpression: a helper call or a plain value, as a C# expression of type <c>object?</c>.</summary>
    private string Call(CallTarget target, Expression pathExpression, IReadOnlyList<Expression> parameters, HashExpression? hash, Scope scope)
    {
        var helper = target.HelperName(pathExpression);
        if (helper is null)
        {
            return PlainValue(pathExpression, scope);
        }

        string Arg(int i) => i < parameters.Count ? Value(parameters[i], scope) : $"{TypeNames.TemplateRuntime}.EmptyObject()";
        switch (helper)
        {
            case "if":
            case "unless":
            case "with":
            case "each":
            case "ifEquals":
            case "unlessEquals":
                return Fail(KnownHelpers.ArgumentCountError(helper, parameters.Count) ?? $"'{helper}' must be used as a block: {{{{#{helper} ...}}}}...{{{{/{helper}}}}}");
            case "lookup":
                return $"{TypeNames.TemplateRuntime}.Lookup({(parameters.Count > 0 ? Value(parameters[0], scope) : "null")}, {(parameters.Count > 1 ? Value(parameters[1], scope) : "null")})";
            case "log":
            case "helperMissing":
            case "blockHelperMissing":
                return "null";
            case "json" when parameters.Count != 1:
                return Fail("json takes exactly one value: {{json value}} (optionally indent=2)");
            case "media" when parameters.Count > 0:
                return Fail("media takes only key=value arguments: {{media url=... contentType=...}}");
            default:
                return RenderCodeBuilder.DotpromptHelperCall(helper, Arg, key => HashValue(hash, key, scope)) ?? Fail($"Unknown helper '{helper}'.");
        }
    }

    /// <summary>Opens a C# block for one run of <paramref name="program"/>: Handlebars' program wrapper as locals.</summary>
    private Scope Enter(TemplateProgram program, Scope outer, string context, string? frame, string?[] blockParams, string? run = null)
    {
        var c = Next("c");
        var s = Next("s");
        var f = Next("f");
        _w.Line($"var {c} = {context};");
        _w.Line($"var {s} = {TypeNames.TemplateRuntime}.Push({outer.Stack}, {c});");
        _w.Line($"var {f} = {frame ?? outer.Frame};");
        var parameters = new List<(string, string)>();
        for (var i = 0; i < program.BlockParams.Count; i++)
        {
            var p = Next("p");
            _w.Line($"var {p} = {(i < blockParams.Length && blockParams[i] is { } value ? value : "(object?)null")};");
            parameters.Add((program.BlockParams[i], p));
        }

        return new Scope
        {
            Writer = outer.Writer,
            Context = c,
            Stack = s,
            Frame = f,
            BlockParams = parameters.Concat(outer.BlockParams).ToList(),
            PartialBlock = outer.PartialBlock,
            Run = frame is null ? outer.Run : run,
        };
    }

    private void EmitProgram(TemplateProgram? program, Scope outer, string context, string? frame = null, params string?[] blockParams)
    {
        if (program is null || program.Statements.Count == 0) return;
        _w.OpenBrace();
        EmitStatements(program, Enter(program, outer, context, frame, blockParams));
        _w.CloseBrace();
    }

    /// <summary>The body once per run; <paramref name="iterates"/>: every run is an iteration with its own <c>@</c> variables.</summary>
    private void EmitRuns(string runs, TemplateProgram? program, TemplateProgram? inverse, Scope scope, bool iterates)
    {
        var hasProgram = program is { Statements.Count: > 0 };
        var hasInverse = inverse is { Statements.Count: > 0 };
        if (hasInverse)
        {
            _w.Line($"if ({runs}.IsEmpty)");
            _w.OpenBrace();
            EmitStatements(inverse!, Enter(inverse!, scope, scope.Context, null, Array.Empty<string?>()));
            _w.CloseBrace();
        }

        if (!hasProgram) return;
        var run = Next("r");
        _w.Line(hasInverse ? $"else foreach (var {run} in {runs})" : $"if (!{runs}.IsEmpty) foreach (var {run} in {runs})");
        _w.OpenBrace();
        EmitStatements(program!, Enter(program!, scope, run + ".Context", $"{run}.Data ?? {scope.Frame}", new[] { run + ".Param0", run + ".Param1" }, iterates ? run : null));
        _w.CloseBrace();
    }

    private void EmitBranch(string condition, TemplateProgram? program, TemplateProgram? inverse, Scope scope, string? programContext = null, string? blockParam = null)
    {
        var hasProgram = program is { Statements.Count: > 0 };
        var hasInverse = inverse is { Statements.Count: > 0 };
        if (!hasProgram && !hasInverse)
        {
            // Nothing to render either way; the condition is still evaluated, as the reference does.
            _w.Line($"_ = {condition};");
            return;
        }

        _w.Line(hasProgram ? $"if ({condition})" : $"if (!({condition}))");
        _w.OpenBrace();
        if (hasProgram) EmitStatements(program!, Enter(program!, scope, programContext ?? scope.Context, null, new[] { blockParam }));
        else EmitStatements(inverse!, Enter(inverse!, scope, scope.Context, null, Array.Empty<string?>()));
        _w.CloseBrace();
        if (!hasProgram || !hasInverse) return;
        _w.Line("else");
        _w.OpenBrace();
        EmitStatements(inverse!, Enter(inverse!, scope, scope.Context, null, Array.Empty<string?>()));
        _w.CloseBrace();
    }

    private void EmitBlock(BlockStatement block, Scope scope)
    {
        var program = block.Program;
        var inverse = block.IsRaw ? null : block.Inverse;
        var helper = block.Call.HelperName(block.Path);
        if (helper is not null && KnownHelpers.ArgumentCountError(helper, block.Params.Count) is { } argumentCountError)
        {
            _w.Line($"throw {Throw(argumentCountError)};");
            return;
        }

        switch (helper)
        {
            case "if":
            case "unless":
                var plainTest = RenderCodeBuilder.HashArgument(block.Hash, "includeZero") is null;
                var tested = plainTest ? PathArguments(block.Params[0], scope) : null;
                var test = plainTest && RunFlag(block.Params[0], scope) is { } flag
                    ? flag
                    : tested is not null
                    ? $"{TypeNames.TemplateRuntime}.IfPath({tested})"
                    : $"{TypeNames.TemplateRuntime}.If({Value(block.Params[0], scope)}, {HashValue(block.Hash, "includeZero", scope)})";
                EmitBranch(helper == "if" ? test : "!" + test, program, inverse, scope);
                return;
            case "each":
                var runs = Next("runs");
                _w.Line($"var {runs} = {TypeNames.TemplateRuntime}.Each({Value(block.Params[0], scope)}, {scope.Frame});");
                EmitRuns(runs, program, inverse, scope, iterates: true);
                return;
            case "with":
                var value = Next("v");
                _w.Line($"var {value} = {Value(block.Params[0], scope)};");
                EmitBranch($"{TypeNames.TemplateRuntime}.With({value})", program, inverse, scope, value, value);
                return;
            case "ifEquals":
            case "unlessEquals":
                var equals = $"{TypeNames.TemplateRuntime}.StrictEquals({Value(block.Params[0], scope)}, {Value(block.Params[1], scope)})";
                EmitBranch(helper == "ifEquals" ? equals : "!" + equals, program, inverse, scope);
                return;
            case null:
                var missing = Next("runs");
                _w.Line($"var {missing} = {TypeNames.TemplateRuntime}.BlockMissing({PlainValue(block.Path, scope)}, {scope.Context}, {scope.Frame});");
                EmitRuns(missing, program, inverse, scope, iterates: false);
                return;
            default:
                // Other helpers ignore a block body (json, role, ...): their value is written.
                _w.Line($"{scope.Writer}.Value({Call(block.Call, block.Path, block.Params, block.Hash, scope)});");
                return;
        }
    }

    /// <summary>
    /// Whether a partial's body is only text, comments and plain values of its own context (<c>{{name}}</c>,
    /// <c>{{a.b}}</c>): what it emits reads neither its data frame nor anything that would pass the frame on.
    /// </summary>
    private static bool ReadsNoFrame(PartialTemplate partial) =>
        partial.Template.Statements.All(statement => statement switch
        {
            ContentStatement or CommentStatement => true,
            MustacheStatement plain => plain.Params.Count == 0 && plain.Hash is null && plain.Call.HelperName(plain.Path) is null &&
                plain.Path is PathExpression { IsData: false, Depth: 0 },
            _ => false,
        });

    private void EmitPartial(Expression nameExpression, IReadOnlyList<Expression> parameters, HashExpression? hash, string indent, TemplateProgram? partialBlock, Scope scope)
    {
        _w.OpenBrace();
        var context = Next("pc");
        _w.Line($"object? {context} = {(parameters.Count == 0 ? scope.Context : Value(parameters[0], scope))};");
        if (hash is not null)
        {
            var keys = string.Join(", ", hash.Pairs.Select(p => CSharpLiterals.String(p.Key)));
            var values = string.Join(", ", hash.Pairs.Select(p => Value(p.Value, scope)));
            _w.Line($"{context} = {TypeNames.TemplateRuntime}.ExtendWithHash({context}, new string[] {{ {keys} }}, new object?[] {{ {values} }});");
        }

        string? block = null;
        if (partialBlock is not null)
        {
            block = Next("pb");
            var bw = Next("bw");
            var bc = Next("bc");
            var bf = Next("bf");
            _w.Line($"{PartialBlockType} {block} = ({bw}, {bc}, {bf}) =>");
            _w.OpenBrace();
            var blockScope = new Scope { Writer = bw, Context = scope.Context, Stack = scope.Stack, Frame = scope.Frame, BlockParams = scope.BlockParams, PartialBlock = scope.PartialBlock };
            EmitStatements(partialBlock, Enter(partialBlock, blockScope, bc, bf, Array.Empty<string?>()));
            _w.CloseBrace(";");
        }

        // Without an indent the partial's output is appended as it is: it writes into the caller's writer (whose
        // recursion guard it shares anyway) instead of a writer of its own that is copied over afterwards.
        var output = Next("pw");
        _w.Line(indent.Length > 0 ? $"var {output} = {scope.Writer}.Nested();" : $"var {output} = {scope.Writer};");
        if (nameExpression is SubExpression dynamic)
        {
            _w.Line($"switch ({TypeNames.TemplateRuntime}.ToJsString({Value(dynamic, scope)}))");
            _w.OpenBrace();
            var names = (_partials as PartialCatalog)?.Names ?? Array.Empty<string>();
            foreach (var name in names)
            {
                if (_partials.Resolve(name) is null) continue;
                _usedPartials.Add(name);
                _w.Line($"case {CSharpLiterals.Quote(name)}: {PartialMethod(name)}({output}, {context}, {scope.Frame}, {block ?? "null"}); break;");
            }

            _w.Line(partialBlock is null
                ? $"default: throw {Throw("The partial could not be found.")};"
                : $"default: {block}({output}, {context}, {scope.Frame}); break;");
            _w.CloseBrace();
        }
        else
        {
            var name = nameExpression.Original;
            if (name == "@partial-block")
            {
                if (scope.PartialBlock is null) _w.Line($"throw {Throw("'{{> @partial-block}}' is only available inside a partial called as a block '{{#> name}}...{{/name}}'.")};");
                else _w.Line($"if ({scope.PartialBlock} is null) throw {Throw("'{{> @partial-block}}' is only available inside a partial called as a block.")}; else {scope.PartialBlock}({output}, {context}, {scope.Frame});");
            }
            else if (_partials.Resolve(name) is { } resolved)
            {
                _usedPartials.Add(name);

                // A partial that reads no data frame is given none: the frame of an #each run is then never made.
                var frame = block is null && ReadsNoFrame(resolved) ? "null!" : scope.Frame;
                _w.Line($"{PartialMethod(name)}({output}, {context}, {frame}, {block ?? "null"});");
            }
            else if (block is not null)
            {
                _w.Line($"{block}({output}, {context}, {scope.Frame});");
            }
            else
            {
                _w.Line($"throw {Throw($"The partial '{name}' could not be found.")};");
            }
        }

        if (indent.Length > 0) _w.Line($"{scope.Writer}.Indented({output}, {CSharpLiterals.Quote(indent)});");
        _w.CloseBrace();
    }
}
