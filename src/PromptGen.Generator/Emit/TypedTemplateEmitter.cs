using PromptGen.Generator.Models;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Compiles a template into straight-line C# over the prompt's typed records: property access, <c>for</c> loops with
/// index/first/last in locals, truthiness and printing by static type. Everything it cannot type exactly throws
/// <see cref="NotTypedException"/>, and the caller uses the dynamic <see cref="TemplateEmitter"/> for the whole prompt.
/// The output must equal the run-time renderer's for the JSON the typed input writes, so each rule below mirrors it.
/// </summary>
internal sealed class TypedTemplateEmitter
{
    private const int MaxPartialInlining = 16;

    // Inlining copies a partial's code at every include: a chain where each partial includes the next one twice
    // doubles per level. Past this many inlined includes the prompt compiles dynamically (one method per partial).
    private const int MaxInlinedPartials = 200;

    private readonly IndentedWriter _w;
    private readonly IPartialResolver _partials;
    private readonly Dictionary<string, RecordModel> _records;
    private readonly List<string> _partialChain = new();
    private readonly CancellationToken _cancellationToken;
    private int _inlinedPartials;
    private int _counter;
    private bool _usesRootData;

    /// <summary>Thrown for a construct the typed path does not compile; the prompt then renders dynamically.</summary>
    public sealed class NotTypedException : Exception
    {
        public NotTypedException(string reason) : base(reason)
        {
        }
    }

    private TypedTemplateEmitter(IndentedWriter w, IPartialResolver partials, IEnumerable<RecordModel> records, string containingClass, CancellationToken cancellationToken)
    {
        _cancellationToken = cancellationToken;
        _w = w;
        _partials = partials;
        // The first record of each name, as the mapper names them uniquely (Input last).
        _records = new Dictionary<string, RecordModel>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (!_records.ContainsKey(record.Name)) _records.Add(record.Name, record);
        }
    }

    /// <summary>
    /// A typed value: C# code, its type (null = a dynamic template value of type <c>object?</c>), whether a missing
    /// value means undefined (an absent optional field) or null, and where it sits in the input tree (for identity).
    /// </summary>
    private sealed record Value(string Code, TypeRef? Type, bool MissingIsUndefined, string Origin)
    {
        public bool IsDynamic => Type is null;

        public bool MayBeMissing => Type is null || Type.IsNullable;

        /// <summary>Set on the context of a partial called with hash arguments: the record those arguments extend.</summary>
        public HashOverlay? Overlay { get; init; }
    }

    /// <summary>
    /// Handlebars' <c>extend({}, context, hash)</c> known statically: a field named in the hash reads the hash argument
    /// (evaluated where the partial is called), any other field reads <see cref="Base"/>. The merged object itself is a
    /// new object in Handlebars, so every use of it as a whole value (<c>json</c>, helpers, identity) compiles dynamically.
    /// </summary>
    private sealed record HashOverlay(IReadOnlyList<(string Name, Value Value)> Entries, Value Base);

    /// <summary>One level of the <c>../</c> chain; <see cref="Unknown"/> when whether Handlebars pushed it depends on the values.</summary>
    private sealed record Depth(Value? Context, Depth? Parent, bool Unknown);

    private sealed record Loop(Value Index, Value First, Value Last, Value Key);

    private sealed record Scope(string Writer, Value Context, Depth Depths, IReadOnlyList<(string Name, Value Value)> BlockParams, Loop? Loop, Value Root);

    /// <summary>Writes <c>RenderTyped(Input input, PromptRenderOptions? options)</c>, or throws <see cref="NotTypedException"/>.</summary>
    public static string TryEmit(Template template, IPartialResolver partials, IEnumerable<RecordModel> records, string containingClass,
        CancellationToken cancellationToken = default)
    {
        // The body is written first so the root @data frame is only built (a per-call cost) when the template reads it.
        var body = new IndentedWriter(indent: 1);
        var emitter = new TypedTemplateEmitter(body, partials, records, containingClass, cancellationToken);
        var root = new Value("input", TypeRef.Record("Input"), true, "$");
        var scope = new Scope("w0", root, new Depth(root, null, false), Array.Empty<(string, Value)>(), null, root);
        emitter.EmitStatements(template.Body, scope);
        body.Line(RenderCodeBuilder.RenderReturn(emitter._usesRootData));

        var w = new IndentedWriter();
        w.Line(RenderCodeBuilder.RenderTypedHeader);
        w.OpenBrace();
        RenderCodeBuilder.EmitRenderStart(w, emitter._usesRootData);
        if (emitter._usesRootData) w.Line($"var f0 = {TypeNames.TemplateRuntime}.RootData({TypeNames.TemplateRuntime}.EmptyObject(), options, history);");
        w.RawAndFree(body);
        w.CloseBrace();
        return w.ToStringAndFree();
    }

    private string Next(string prefix) => prefix + (++_counter);

    private static NotTypedException NotTyped(string reason) => new(reason);

    private void EmitStatements(TemplateProgram program, Scope scope) =>
        RenderCodeBuilder.EmitProgram(program, _w, scope.Writer, _cancellationToken, statement => EmitStatement(statement, scope));

    private void EmitStatement(Statement statement, Scope scope)
    {
        switch (statement)
        {
            case MustacheStatement mustache:
                EmitMustache(mustache, scope);
                break;
            case BlockStatement block:
                EmitBlock(block, scope);
                break;
            case PartialStatement partial:
                EmitPartial(partial, scope);
                break;
            default:
                throw NotTyped("partial blocks");
        }
    }

    // ---- values -------------------------------------------------------------------------------------------------

    private Value Resolve(PathExpression path, Scope scope)
    {
        Value current;
        var start = 0;
        if (path.IsData)
        {
            if (path.Depth != 0) throw NotTyped("@../ data");
            if (path.Parts.Count > 0 && path.Parts[0] == "root")
            {
                current = scope.Root;
                start = 1;
            }
            else if (path.Parts.Count == 1 && scope.Loop is { } loop && path.Parts[0] is "index" or "first" or "last" or "key")
            {
                return path.Parts[0] switch { "index" => loop.Index, "first" => loop.First, "last" => loop.Last, _ => loop.Key };
            }
            else
            {
                if (path.Parts.Count > 0 && path.Parts[0] is "index" or "first" or "last" or "key" or "partial-block") throw NotTyped("loop data outside a typed loop");
                _usesRootData = true;
                return new Value($"{TypeNames.TemplateRuntime}.Data(f0, 0{string.Concat(path.Parts.Select(p => ", " + CSharpLiterals.String(p)))})", null, true, "@");
            }
        }
        else if (path.TryFindBlockParameter(scope.BlockParams, out var parameter))
        {
            current = parameter;
            start = 1;
        }
        else
        {
            var depth = scope.Depths;
            for (var i = 0; i < path.Depth; i++)
            {
                if (depth.Unknown || depth.Parent is null) throw NotTyped("../ through a level that depends on the values");
                depth = depth.Parent;
            }

            current = depth.Context ?? throw NotTyped("../ above the root");
        }

        for (var i = start; i < path.Parts.Count; i++) current = Member(current, path.Parts[i]);
        return current;
    }

    private Value Member(Value owner, string part)
    {
        if (owner.Overlay is { } overlay)
        {
            foreach (var (name, value) in overlay.Entries)
            {
                if (name == part) return value;
            }

            return Member(overlay.Base, part);
        }

        if (owner.IsDynamic) return new Value($"{TypeNames.TemplateRuntime}.Path({owner.Code}, {CSharpLiterals.String(part)})", null, true, owner.Origin + "." + part);
        var type = owner.Type!;
        var access = type.IsNullable ? "?." : ".";
        switch (type.Kind)
        {
            case TypeKind.Record when _records.TryGetValue(type.Name!, out var record):
                var property = PropertyNamed(record, part) ?? throw NotTyped($"undeclared field '{part}'");
                var propertyType = type.IsNullable ? property.Type.AsNullable() : property.Type;
                var missingIsUndefined = property.Type.IsNullable ? !property.IsRequired : owner.MissingIsUndefined;
                if (type.IsNullable && property.Type.IsNullable && owner.MissingIsUndefined != missingIsUndefined) throw NotTyped("null and undefined mixed in one path");
                return new Value($"{owner.Code}{access}{property.PropertyName}", propertyType, missingIsUndefined, owner.Origin + "." + part);
            case TypeKind.List when part == "length":
                return new Value($"{owner.Code}{access}Count", type.IsNullable ? TypeRef.Int32.AsNullable() : TypeRef.Int32, owner.MissingIsUndefined, owner.Origin + ".length");
            case TypeKind.String when part == "length":
                return new Value($"{owner.Code}{access}Length", type.IsNullable ? TypeRef.Int32.AsNullable() : TypeRef.Int32, owner.MissingIsUndefined, owner.Origin + ".length");
            case TypeKind.Json:
                return Member(ToDynamic(owner), part);
            default:
                throw NotTyped($"'{part}' on a {type.Kind}");
        }
    }

    /// <summary>
    /// The name <c>TypedTemplateRuntime</c> gives a scalar kind in its methods: <c>From{Name}</c> makes a template value,
    /// <c>{Name}</c> prints one (JavaScript has one number type for integers and doubles to print differently).
    /// </summary>
    private static string ScalarName(TypeKind kind) => kind switch
    {
        TypeKind.String => "String",
        TypeKind.Int64 or TypeKind.Int32 => "Integer",
        TypeKind.Double => "Number",
        _ => "Boolean",
    };

    /// <summary>A typed value as a template value (what the run-time renderer would hold for the same JSON).</summary>
    private string DynamicCode(Value value)
    {
        if (value.Overlay is not null) throw NotTyped("a partial's context extended with hash arguments, used as a whole value");
        if (value.IsDynamic) return value.Code;
        var type = value.Type!;
        var undefined = value.MissingIsUndefined ? "true" : "false";
        var missing = $"{TypeNames.TypedTemplateRuntime}.Missing({undefined})";
        switch (type.Kind)
        {
            case TypeKind.String or TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double or TypeKind.Boolean:
                return $"{TypeNames.TypedTemplateRuntime}.From{ScalarName(type.Kind)}({value.Code}, {undefined})";
            case TypeKind.Enum:
                return WhenPresent(value.Code, type.IsNullable, "e", e => $"{TypeNames.TypedTemplateRuntime}.FromString({e}.ToWireName(), true)", missing);
            case TypeKind.Json:
                return WhenPresent(value.Code, type.IsNullable, "j", j => $"{TypeNames.TemplateRuntime}.FromJson({j})", missing);
            default:
                var write = $"JsonCodec.Write{TypeNames.Key(type.AsNonNullable())}";
                return WhenPresent(value.Code, true, "x", x => $"{TypeNames.TemplateRuntime}.FromWriter({x}, static (jsonWriter, typedValue) => {write}(jsonWriter, typedValue))", missing);
        }
    }

    /// <summary>
    /// <paramref name="present"/> applied to the value; when it may be null, applied to a pattern variable named after
    /// <paramref name="prefix"/> only when the value is there, and <paramref name="missing"/> otherwise.
    /// </summary>
    private string WhenPresent(string code, bool mayBeNull, string prefix, Func<string, string> present, string missing)
    {
        if (!mayBeNull) return present(code);
        var local = prefix + (++_counter);
        return $"({code} is {{ }} {local} ? {present(local)} : {missing})";
    }

    private Value ToDynamic(Value value) => value.IsDynamic ? value : new Value(DynamicCode(value), null, value.MissingIsUndefined, value.Origin);

    private string LiteralOrValue(Expression expression, Scope scope) => expression switch
    {
        PathExpression path => DynamicCode(Resolve(path, scope)),
        _ => RenderCodeBuilder.LiteralValue(expression) ?? throw NotTyped("subexpressions"),
    };

    /// <summary>The <c>indent</c> argument of a typed <c>json</c> call: a number literal is passed as it is, without a template value.</summary>
    private string JsonIndent(HashExpression? hash, Scope scope) =>
        RenderCodeBuilder.HashArgument(hash, "indent") is NumberLiteral number ? CSharpLiterals.Double(number.Value) : HashValue(hash, "indent", scope);

    private string HashValue(HashExpression? hash, string key, Scope scope) =>
        RenderCodeBuilder.HashArgument(hash, key) is { } value ? LiteralOrValue(value, scope) : "null";

    /// <summary>The text Handlebars prints for a value (null prints nothing), as a C# <c>string?</c> expression.</summary>
    private string PrintCode(Value value)
    {
        var type = value.Type!;
        var code = value.Code;
        switch (type.Kind)
        {
            case TypeKind.String:
                return code;
            case TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double or TypeKind.Boolean:
                return $"{TypeNames.TypedTemplateRuntime}.{ScalarName(type.Kind)}({code})";
            case TypeKind.Enum:
                return WhenPresent(code, type.IsNullable, "e", e => $"{e}.ToWireName()", "null");
            case TypeKind.Record:
            case TypeKind.Map:
                return type.IsNullable ? $"({code} is null ? null : \"[object Object]\")" : "\"[object Object]\"";
            case TypeKind.List when type.Element!.Kind is TypeKind.String or TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double or TypeKind.Boolean or TypeKind.Enum:
                var item = "i" + (++_counter);
                return $"{TypeNames.TypedTemplateRuntime}.Join({code}, {item} => {PrintCode(new Value(item, type.Element, false, value.Origin + "[*]"))})";
            default:
                return $"{TypeNames.TemplateRuntime}.ToJsString({DynamicCode(value)})";
        }
    }

    private void EmitPrint(Value value, Scope scope)
    {
        if (value.IsDynamic) _w.Line($"{scope.Writer}.Value({value.Code});");
        else if (value.Type!.Kind is TypeKind.List or TypeKind.Json && !IsScalarList(value.Type)) _w.Line($"{scope.Writer}.Value({DynamicCode(value)});");
        // Numbers are formatted straight into the output, without a string per value.
        else if (value.Type.Kind is TypeKind.Int64 or TypeKind.Int32) _w.Line($"{scope.Writer}.Integer({value.Code});");
        else if (value.Type.Kind is TypeKind.Double) _w.Line($"{scope.Writer}.Number({value.Code});");
        else _w.Line($"{scope.Writer}.Text({PrintCode(value)});");
    }

    private static bool IsScalarList(TypeRef type) =>
        type.Kind == TypeKind.List && type.Element!.Kind is TypeKind.String or TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double or TypeKind.Boolean or TypeKind.Enum;

    /// <summary>JavaScript truthiness by static type.</summary>
    private string TruthyCode(Value value)
    {
        if (value.IsDynamic) return $"{TypeNames.TemplateRuntime}.IsTruthy({value.Code})";
        var type = value.Type!;
        var code = value.Code;
        return type.Kind switch
        {
            TypeKind.String => $"!string.IsNullOrEmpty({code})",
            TypeKind.Int64 or TypeKind.Int32 => type.IsNullable ? $"({code} is {{ }} n{++_counter} && n{_counter} != 0)" : $"({code} != 0)",
            TypeKind.Double => type.IsNullable ? $"({code} is {{ }} d{++_counter} && d{_counter} != 0 && !double.IsNaN(d{_counter}))" : $"({code} != 0 && !double.IsNaN({code}))",
            TypeKind.Boolean => type.IsNullable ? $"({code} == true)" : code,
            TypeKind.Enum => $"!string.IsNullOrEmpty({PrintCode(value)})",
            TypeKind.Json => $"{TypeNames.TemplateRuntime}.IsTruthy({DynamicCode(value)})",
            _ => type.IsNullable ? $"({code} is not null)" : "true",
        };
    }

    /// <summary>Handlebars' <c>#if</c> test: truthy and not an empty list.</summary>
    private string IfCode(Value value)
    {
        if (value.IsDynamic || value.Type!.Kind == TypeKind.Json) return $"{TypeNames.TemplateRuntime}.If({DynamicCode(value)}, null)";
        return value.Type.Kind == TypeKind.List ? $"({value.Code} is {{ Count: > 0 }})" : TruthyCode(value);
    }

    /// <summary>Handlebars' <c>#with</c> test: not empty (falsy other than 0, or an empty list).</summary>
    private string WithCode(Value value)
    {
        if (value.IsDynamic || value.Type!.Kind == TypeKind.Json) return $"{TypeNames.TemplateRuntime}.With({DynamicCode(value)})";
        return value.Type.Kind switch
        {
            TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double => value.Type.IsNullable ? $"({value.Code} is not null)" : "true",
            TypeKind.List => $"({value.Code} is {{ Count: > 0 }})",
            _ => TruthyCode(value),
        };
    }

    // ---- statements ---------------------------------------------------------------------------------------------

    private void EmitMustache(MustacheStatement mustache, Scope scope)
    {
        var helper = mustache.Call.HelperName(mustache.Path);
        if (helper is null)
        {
            if (mustache.Path is not PathExpression path) throw NotTyped("a literal in name position");
            EmitPrint(Resolve(path, scope), scope);
            return;
        }

        var parameters = mustache.Params;
        string Arg(int i) => i < parameters.Count ? LiteralOrValue(parameters[i], scope) : $"{TypeNames.TemplateRuntime}.EmptyObject()";
        switch (helper)
        {
            case "json" when parameters.Count == 1 && parameters[0] is PathExpression argument && Resolve(argument, scope) is { IsDynamic: false, Overlay: null } typed && HasTemplateJson(typed.Type!):
                EmitJson(typed, JsonIndent(mustache.Hash, scope), scope);
                return;
            case "role":
                _w.Line($"{scope.Writer}.Role({(parameters.Count > 0 ? RenderCodeBuilder.RoleName(parameters[0], p => LiteralOrValue(p, scope)) : Arg(0))});");
                return;
            case "json" when parameters.Count == 1:
            case "history":
            case "section":
            case "media" when parameters.Count == 0:
                _w.Line($"{scope.Writer}.Value({RenderCodeBuilder.DotpromptHelperCall(helper, Arg, key => HashValue(mustache.Hash, key, scope))});");
                return;
            default:
                // lookup, misuse and unknown helpers: the dynamic path reproduces the reference exactly.
                throw NotTyped($"helper '{helper}'");
        }
    }

    /// <summary>
    /// The <c>json</c> helper over a typed value, written by the codec's <c>TemplateJson</c> writers straight into the
    /// output: what JSON.stringify prints for the JSON the input holds (a missing value prints undefined or null).
    /// </summary>
    private void EmitJson(Value value, string indent, Scope scope)
    {
        var type = value.Type!;
        var code = value.Code;

        // References are tested even when required: a caller's null prints what a missing value prints.
        var mayBeNull = type.IsNullable || !type.IsValueType;
        if (mayBeNull)
        {
            var local = Next("jv");
            _w.Line($"if ({code} is {{ }} {local})");
            code = local;
            type = type.AsNonNullable();
        }

        var writer = Next("jw");
        _w.OpenBrace();
        _w.Line($"var {writer} = {TypeNames.TemplateJsonWriter}.Start({scope.Writer}, {indent});");
        _w.Line(type.Kind switch
        {
            TypeKind.String => $"{writer}.String({code});",
            TypeKind.Int64 or TypeKind.Int32 => $"{writer}.Integer({code});",
            TypeKind.Double => $"{writer}.Number({code});",
            TypeKind.Boolean => $"{writer}.Boolean({code});",
            TypeKind.Enum => $"{writer}.String({code}.ToWireName());",
            _ => $"JsonCodec.TemplateJson{TypeNames.Key(type)}({writer}, {code});",
        });
        _w.Line($"{writer}.WriteTo({scope.Writer});");
        _w.CloseBrace();
        if (mayBeNull) _w.Line($"else {scope.Writer}.Text({(value.MissingIsUndefined ? "\"undefined\"" : "\"null\"")});");
    }

    /// <summary>
    /// Whether the codec's helper writers print <paramref name="type"/> in JavaScript's key order: not for untyped JSON at
    /// the top, nor for records with a property JavaScript would move to the front (an array-index-like name).
    /// </summary>
    private bool HasTemplateJson(TypeRef type) => type.Kind != TypeKind.Json && KeysInJsOrder(type, new HashSet<string>());

    private bool KeysInJsOrder(TypeRef type, HashSet<string> seen)
    {
        if (type.Element is { } element) return KeysInJsOrder(element, seen);
        if (type.Kind != TypeKind.Record || !seen.Add(type.Name!)) return true;
        if (!_records.TryGetValue(type.Name!, out var record)) return false;
        foreach (var property in record.Properties)
        {
            if (property.WireName.Length > 0 && property.WireName.All(c => c >= '0' && c <= '9')) return false;
            if (!KeysInJsOrder(property.Type, seen)) return false;
        }

        return true;
    }

    private Value ParameterValue(Expression expression, Scope scope) =>
        expression is PathExpression path ? Resolve(path, scope) : throw NotTyped("a literal as a block argument");

    private void EmitBlock(BlockStatement block, Scope scope)
    {
        if (block.IsRaw) throw NotTyped("raw blocks");
        var helper = block.Call.HelperName(block.Path);
        var count = block.Params.Count;
        switch (helper)
        {
            case "if" when count == 1 && block.Hash is null:
            case "unless" when count == 1 && block.Hash is null:
            {
                var test = IfCode(ParameterValue(block.Params[0], scope));
                EmitBranch(helper == "if" ? test : $"!({test})", block.Program, block.Inverse, scope);
                return;
            }

            case "each" when count == 1 && block.Hash is null:
                EmitEach(ParameterValue(block.Params[0], scope), block, scope);
                return;
            case "with" when count == 1 && block.Hash is null:
            {
                var value = ParameterValue(block.Params[0], scope);
                var local = Next("v");
                _w.Line($"var {local} = {value.Code};");
                var bound = value with { Code = local };
                _w.Line($"if ({WithCode(bound)})");
                _w.OpenBrace();
                if (block.Program is { } program) EmitStatements(program, Enter(program, scope, bound, null, bound, null));
                _w.CloseBrace();
                EmitElse(block.Inverse, scope);
                return;
            }

            case "ifEquals" when count == 2 && block.Hash is null:
            case "unlessEquals" when count == 2 && block.Hash is null:
            {
                var test = StrictEqualsCode(block.Params[0], block.Params[1], scope);
                EmitBranch(helper == "ifEquals" ? test : $"!({test})", block.Program, block.Inverse, scope);
                return;
            }

            default:
                throw NotTyped(helper is null ? "a value used as a block" : $"block helper '{helper}'");
        }
    }

    private void EmitBranch(string condition, TemplateProgram? program, TemplateProgram? inverse, Scope scope)
    {
        _w.Line($"if ({condition})");
        _w.OpenBrace();
        if (program is not null) EmitStatements(program, Enter(program, scope, scope.Context, null, null, null));
        _w.CloseBrace();
        EmitElse(inverse, scope);
    }

    private void EmitElse(TemplateProgram? inverse, Scope scope)
    {
        if (inverse is null || inverse.Statements.Count == 0) return;
        _w.Line("else");
        _w.OpenBrace();
        EmitStatements(inverse, Enter(inverse, scope, scope.Context, null, null, null));
        _w.CloseBrace();
    }

    /// <summary>JavaScript's <c>===</c> by static type; objects are equal only when they are the same node of the input.</summary>
    private string StrictEqualsCode(Expression left, Expression right, Scope scope)
    {
        var a = left is PathExpression pa ? Resolve(pa, scope) : null;
        var b = right is PathExpression pb ? Resolve(pb, scope) : null;
        if (a is not null && b is not null && IsObjectLike(a.Type) && IsObjectLike(b.Type))
        {
            var same = SameNode(a.Origin, b.Origin);
            if (same is null) throw NotTyped("comparing objects whose identity depends on the values");
            if (same == true) return "true";
            if (a.MayBeMissing && b.MayBeMissing)
            {
                return a.MissingIsUndefined == b.MissingIsUndefined ? $"({a.Code} is null && {b.Code} is null)" : "false";
            }

            return "false";
        }

        if (a is { Type: { IsNullable: false } ta } && b is { Type: { IsNullable: false } tb })
        {
            if (ta.Kind == TypeKind.String && tb.Kind == TypeKind.String) return $"string.Equals({a.Code}, {b.Code}, global::System.StringComparison.Ordinal)";
            if (IsNumber(ta) && IsNumber(tb)) return $"((double){a.Code} == (double){b.Code})";
            if (ta.Kind == TypeKind.Boolean && tb.Kind == TypeKind.Boolean) return $"({a.Code} == {b.Code})";
        }

        return $"{TypeNames.TemplateRuntime}.StrictEquals({LiteralOrValue(left, scope)}, {LiteralOrValue(right, scope)})";
    }

    private static bool IsNumber(TypeRef type) => type.Kind is TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double;

    private static bool IsObjectLike(TypeRef? type) => type is { Kind: TypeKind.Record or TypeKind.Map or TypeKind.List };

    /// <summary>Whether two origins are the same node of the input tree: true, false, or null when it depends on loop positions.</summary>
    private static bool? SameNode(string a, string b)
    {
        if (a.Contains("@") || b.Contains("@")) return null;
        var x = a.Split('.');
        var y = b.Split('.');
        if (x.Length != y.Length) return false;
        var wildcard = false;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] == y[i])
            {
                wildcard |= x[i].Contains("[*]") || x[i].Contains("{*}");
                continue;
            }

            if (Strip(x[i]) != Strip(y[i])) return false;
            wildcard = true;
        }

        return wildcard ? null : true;
    }

    private static string Strip(string segment) => segment.Replace("[*]", string.Empty).Replace("{*}", string.Empty);

    private void EmitEach(Value collection, BlockStatement block, Scope scope)
    {
        if (collection.IsDynamic) throw NotTyped("#each over an untyped value");
        var type = collection.Type!;
        var items = Next("l");
        var index = Next("i");
        var item = Next("it");
        Value itemValue;
        Value key;
        string source, count, nonEmpty;
        switch (type.Kind)
        {
            case TypeKind.List:
                source = collection.Code;
                count = $"{items}.Count";
                nonEmpty = $"{items} is {{ Count: > 0 }}";
                itemValue = new Value(item, type.Element!, false, collection.Origin + "[*]");
                key = new Value(index, TypeRef.Int32, false, "@key");
                break;
            case TypeKind.Map:
                source = $"{TypeNames.TypedTemplateRuntime}.Entries({collection.Code})";
                count = $"{items}.Length";
                nonEmpty = $"{items}.Length > 0";
                itemValue = new Value(item + ".Value", type.Element!, false, collection.Origin + "{*}");
                key = new Value(item + ".Key", TypeRef.String, false, "@key");
                break;
            default:
                throw NotTyped($"#each over a {type.Kind}");
        }

        // A list and a map's entries are both indexed: one loop over the index.
        _w.Line($"var {items} = {source};");
        _w.Line($"if ({nonEmpty})");
        _w.OpenBrace();
        _w.Line($"for (var {index} = 0; {index} < {count}; {index}++)");
        _w.OpenBrace();
        _w.Line($"var {item} = {items}[{index}];");

        var loop = new Loop(
            new Value(index, TypeRef.Int32, false, "@index"),
            new Value($"({index} == 0)", TypeRef.Boolean, false, "@first"),
            new Value($"({index} == {count} - 1)", TypeRef.Boolean, false, "@last"),
            key);
        if (block.Program is { } program) EmitStatements(program, Enter(program, scope, itemValue, loop, itemValue, key));
        _w.CloseBrace();
        _w.CloseBrace();
        EmitElse(block.Inverse, scope);
    }

    /// <summary>Handlebars' program wrapper: a new <c>../</c> level when the context changed, block parameters, data.</summary>
    private Scope Enter(TemplateProgram program, Scope outer, Value context, Loop? loop, Value? param0, Value? param1)
    {
        // This program's block parameters first, then the outer ones (written as loops: LINQ over these tuples would
        // be generic code over a value type, compiled on first use in every compiler process).
        var blockParams = outer.BlockParams;
        if (program.BlockParams.Count > 0)
        {
            var parameters = new List<(string, Value)>(program.BlockParams.Count + outer.BlockParams.Count);
            for (var i = 0; i < program.BlockParams.Count; i++)
            {
                var value = i == 0 ? param0 : i == 1 ? param1 : null;
                parameters.Add((program.BlockParams[i], value ?? new Value("(object?)null", null, true, "@undefined")));
            }

            for (var i = 0; i < outer.BlockParams.Count; i++) parameters.Add(outer.BlockParams[i]);
            blockParams = parameters;
        }

        return outer with
        {
            Context = context,
            Depths = PushDepth(outer.Depths, context),
            BlockParams = blockParams,
            Loop = loop ?? outer.Loop,
        };
    }

    /// <summary>Mirrors <c>LooseEquals(context, head)</c>: push when certainly different, keep when certainly the same.</summary>
    private static Depth PushDepth(Depth depths, Value context)
    {
        var head = depths.Context;
        if (head is not null && ReferenceEquals(head, context)) return depths;
        if (head is not null && head.Code == context.Code && head.Origin == context.Origin) return depths;

        // The same node of the input is the same value: Handlebars keeps the level.
        if (head is not null && !head.IsDynamic && !context.IsDynamic && SameNode(head.Origin, context.Origin) == true) return depths;
        bool? same = null;
        if (head is not null && !head.IsDynamic && !context.IsDynamic)
        {
            var bothMayBeMissing = head.MayBeMissing && context.MayBeMissing;
            var headObject = IsObjectLike(head.Type);
            var contextObject = IsObjectLike(context.Type);
            if (!bothMayBeMissing && head.Type!.Kind != TypeKind.Json && context.Type!.Kind != TypeKind.Json)
            {
                if (headObject != contextObject) same = false;
                else if (headObject) same = SameNode(head.Origin, context.Origin) == false ? false : null;
            }
        }

        return new Depth(context, depths, same is null);
    }

    private void EmitPartial(PartialStatement statement, Scope scope)
    {
        if (statement.Name is SubExpression || statement.Params.Count > 1) throw NotTyped("dynamic partials");
        var name = statement.Name.Original;
        var partial = name == "@partial-block" ? null : _partials.Resolve(name);
        if (partial is null) throw NotTyped("a missing partial");
        if (_partialChain.Contains(name) || _partialChain.Count >= MaxPartialInlining) throw NotTyped("recursive partials");
        if (++_inlinedPartials > MaxInlinedPartials) throw NotTyped("more partial includes than are worth inlining");
        var context = statement.Params.Count == 0 ? scope.Context : ParameterValue(statement.Params[0], scope);
        if (statement.Hash is { } hash) context = ExtendWithHash(context, hash, scope);
        _partialChain.Add(name);

        // Inlined partials are never recursive (those compile dynamically), so the depth guard has nothing to count.
        // Without an indent Handlebars appends the partial's output as it is: write it straight into the caller's
        // writer, so a partial costs what its text costs. With an indent its own writer collects the lines first.
        var indented = statement.Indent.Length > 0;
        var writer = indented ? Next("pw") : scope.Writer;
        _w.OpenBrace();
        if (indented) _w.Line($"var {writer} = {scope.Writer}.Nested();");

        // A partial starts a new template: its own ../ stack and block parameters, the caller's @data.
        var inner = new Scope(writer, context, new Depth(context, null, false), Array.Empty<(string, Value)>(), scope.Loop, scope.Root);
        EmitStatements(partial.Template.Body, inner);
        _partialChain.RemoveAt(_partialChain.Count - 1);
        if (indented) _w.Line($"{scope.Writer}.Indented({writer}, {CSharpLiterals.Quote(statement.Indent)});");
        _w.CloseBrace();
    }

    /// <summary>
    /// The context of a partial called with hash arguments, as the run-time renderer builds it: the caller's record
    /// extended with the arguments, each evaluated here, in the caller's scope. Typed only over a record that is always
    /// there (Handlebars copies the fields of whatever the context is, even a string's characters). An argument that
    /// may be undefined is left out by the run-time renderer, so the record's own field shows through; when the record
    /// has a field of that name (other than the very value passed, as in <c>team=team</c>), which one prints depends on
    /// the values, and the partial compiles dynamically.
    /// </summary>
    private Value ExtendWithHash(Value context, HashExpression hash, Scope scope)
    {
        if (context.Type is not { Kind: TypeKind.Record, IsNullable: false } type || !_records.ContainsKey(type.Name!))
        {
            throw NotTyped("hash arguments on a partial whose context is not a record");
        }

        var entries = new List<(string Name, Value Value)>();
        foreach (var key in hash.Pairs.Select(p => p.Key).Distinct(StringComparer.Ordinal))
        {
            var argument = hash.Find(key)!.Value;
            if (argument is UndefinedLiteral) continue;
            var value = argument is PathExpression path
                ? Resolve(path, scope)
                : new Value(RenderCodeBuilder.LiteralValue(argument) ?? throw NotTyped("subexpressions"), null, false, "@literal");
            if (value.MayBeMissing && value.MissingIsUndefined && HasField(context, key) && Member(context, key).Code != value.Code)
            {
                throw NotTyped("a hash argument that may be undefined over a field of the same name");
            }

            entries.Add((key, value));
        }

        return context with { Origin = "@hash" + (++_counter), Overlay = new HashOverlay(entries, context) };
    }

    /// <summary>Whether <paramref name="name"/> reads something on <paramref name="context"/>: a hash argument of it or of a partial around it, or a field of its record.</summary>
    private bool HasField(Value context, string name) => context.Overlay is { } overlay
        ? HasEntry(overlay, name) || HasField(overlay.Base, name)
        : _records.TryGetValue(context.Type!.Name!, out var record) && PropertyNamed(record, name) is not null;

    /// <summary>The property of <paramref name="record"/> with the wire name <paramref name="wireName"/>, or null (every path segment asks).</summary>
    private static PropertyModel? PropertyNamed(RecordModel record, string wireName)
    {
        var properties = record.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].WireName == wireName) return properties[i];
        }

        return null;
    }

    /// <summary>Whether one of the overlay's own hash arguments is named <paramref name="name"/>.</summary>
    private static bool HasEntry(HashOverlay overlay, string name)
    {
        for (var i = 0; i < overlay.Entries.Count; i++)
        {
            if (overlay.Entries[i].Name == name) return true;
        }

        return false;
    }
}
