using PromptGen.Generator.Models;
using PromptGen.Language.Values;

namespace PromptGen.Generator.Emit;

/// <summary>
/// The generated tool members of a prompt that declares <c>tools:</c>: one <c>AIFunction</c> class per tool (its JSON
/// schema as a constant, argument binding and result writing as straight-line code), <c>CreateTools</c>, and, when a
/// tool is an instance method, the overloads of <c>CreateOptions</c> and <c>RunAsync</c> that take the objects to call
/// the tools on. Tools that need no object go into <c>CreateOptions()</c> directly.
/// </summary>
internal static class ToolEmitter
{

    /// <summary>One object to call instance tools on: its type and the parameter that carries it.</summary>
    internal sealed record Target(string Type, string TypeName, string Parameter, bool IsPublic);

    public static bool HasTools(PromptModel model) => model.Tools.Count > 0;

    /// <summary>The objects instance tools are called on, one parameter per declaring type, named after it.</summary>
    public static IReadOnlyList<Target> Targets(PromptModel model)
    {
        // Most prompts have no instance tools; several members ask, so that answer costs no allocation.
        if (!NeedsTargets(model)) return Array.Empty<Target>();
        var taken = new HashSet<string>(model.Input.Properties.Select(p => p.ParameterName), StringComparer.Ordinal) { "client", "input", "options", "cancellationToken" };
        var targets = new List<Target>();
        foreach (var tool in model.Tools.Where(t => !t.IsStatic))
        {
            if (targets.Any(t => t.Type == tool.ContainingType)) continue;
            var name = Tools.ToolSymbols.CamelCase(tool.ContainingTypeName);
            var candidate = name;
            for (var i = 2; !taken.Add(candidate); i++) candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            targets.Add(new Target(tool.ContainingType, tool.ContainingTypeName, EscapeKeyword(candidate), tool.IsContainingTypePublic));
        }

        return targets;
    }

    /// <summary>True when <c>RunAsync</c> and the extension method take tool targets (the usual <c>RunAsync</c> is then not emitted).</summary>
    public static bool NeedsTargets(PromptModel model)
    {
        var tools = model.Tools;
        for (var i = 0; i < tools.Count; i++)
        {
            if (!tools[i].IsStatic) return true;
        }

        return false;
    }

    /// <summary>Accessibility for members whose signature names a target type: internal when one is not public.</summary>
    public static string TargetAccessibility(PromptModel model, string accessibility)
    {
        if (!NeedsTargets(model)) return accessibility;
        return Targets(model).All(t => t.IsPublic) ? accessibility : "internal";
    }

    /// <summary>In <c>CreateOptions()</c>: static-only tools are part of the prompt's options.</summary>
    public static void EmitOptionsTools(IndentedWriter w, PromptModel model)
    {
        if (HasOptionsTools(model)) w.Line("Tools = CreateTools(),");
    }

    /// <summary>True when the prompt's own <c>CreateOptions()</c> sets its tools (none of them needs a target object).</summary>
    public static bool HasOptionsTools(PromptModel model) => HasTools(model) && !NeedsTargets(model);

    /// <summary><c>CreateTools</c>, the target overloads of <c>CreateOptions</c> and <c>RunAsync</c>, and the tool function classes.</summary>
    public static void EmitMembers(IndentedWriter w, PromptModel model)
    {
        if (!HasTools(model)) return;
        var targets = Targets(model);
        var access = TargetAccessibility(model, "public");
        var parameters = string.Join(", ", targets.Select(t => $"{t.Type} {t.Parameter}"));
        var arguments = string.Join(", ", targets.Select(t => t.Parameter));

        w.Line();
        w.Line("/// <summary>The prompt's tools (frontmatter <c>tools:</c>) as <c>AIFunction</c>s with generated schemas and argument binding.</summary>");
        foreach (var target in targets) w.Line($"/// <param name=\"{target.Parameter}\">The object the <see cref=\"{target.Type}\"/> tools are called on.</param>");
        using (w.Block($"{access} static {TypeNames.AIToolList} CreateTools({parameters})"))
        {
            foreach (var target in targets)
            {
                w.Line($"if ({target.Parameter} is null) throw new global::System.ArgumentNullException(nameof({target.Parameter}));");
            }

            w.Line($"return new {TypeNames.AITool}[]");
            w.OpenBrace();
            foreach (var tool in model.Tools)
            {
                var target = tool.IsStatic ? string.Empty : targets.First(t => t.Type == tool.ContainingType).Parameter;
                w.Line($"new {ClassName(tool)}({target}),");
            }

            w.CloseBrace(";");
        }

        if (targets.Count > 0)
        {
            w.Line();
            w.Line("/// <summary>Chat options from the prompt's frontmatter with its tools, called on the given objects.</summary>");
            using (w.Block($"{access} static {TypeNames.ChatOptions} CreateOptions({parameters})"))
            {
                w.Line("var options = CreateOptions();");
                w.Line($"options.Tools = CreateTools({arguments});");
                w.Line("return options;");
            }

            w.Line();
            w.Line("/// <summary>Renders the prompt, calls the model with the prompt's tools and parses its answer. Tool calls run when the client is composed with <c>UseFunctionInvocation()</c>.</summary>");
            foreach (var target in targets) w.Line($"/// <param name=\"{target.Parameter}\">The object the <see cref=\"{target.Type}\"/> tools are called on.</param>");
            w.Line("/// <param name=\"options\">Chat options, render data and answer handling for this call (a <c>ChatOptions</c> converts implicitly).</param>");
            RuntimeSeamEmitter.EmitRunAsyncOverload(w, model, access, targets.Select(t => $"{t.Type} {t.Parameter}"),
                RuntimeSeamEmitter.RunnerCall(model, RuntimeSeamEmitter.CallSiteField, "Render", $"CreateOptions({arguments})"));
        }

        foreach (var tool in model.Tools)
        {
            w.Line();
            EmitFunction(w, tool);
        }
    }

    private static void EmitFunction(IndentedWriter w, ToolMethodModel tool)
    {
        var cls = ClassName(tool);
        w.Line($"/// <summary>The <c>{XmlDoc.Escape(tool.ToolName)}</c> tool: binds the model's arguments and calls <see cref=\"{tool.ContainingType}.{tool.MethodName}\"/>.</summary>");
        using (w.Block($"private sealed class {cls} : {TypeNames.PromptToolFunction}"))
        {
            w.Line($"private const string ArgumentsSchema = {CSharpLiterals.Quote(ArgumentsSchema(tool))};");
            w.Line($"private const string? ReturnSchema = {(tool.Return is null ? "null" : CSharpLiterals.String(PromptJson.Serialize(Schema(tool.Return, null))))};");
            if (!tool.IsStatic) w.Line($"private readonly {tool.ContainingType} _target;");
            w.Line();
            var constructorParameter = tool.IsStatic ? string.Empty : $"{tool.ContainingType} target";
            w.Line($"public {cls}({constructorParameter})");
            w.Line($"    : base({CSharpLiterals.Quote(tool.ToolName)}, {CSharpLiterals.Quote(tool.Description)}, ArgumentsSchema, ReturnSchema)");
            w.OpenBrace();
            if (!tool.IsStatic) w.Line("_target = target ?? throw new global::System.ArgumentNullException(nameof(target));");
            w.CloseBrace();
            w.Line();
            var isAsync = tool.ReturnKind != ToolReturnKind.Value;
            var signature = $"protected override {(isAsync ? "async " : string.Empty)}global::System.Threading.Tasks.ValueTask<object?> InvokeCoreAsync(global::Microsoft.Extensions.AI.AIFunctionArguments arguments, {TypeNames.CancellationToken} cancellationToken)";
            using (w.Block(signature))
            {
                var callArguments = new List<string>();
                foreach (var parameter in tool.Parameters)
                {
                    if (parameter.IsCancellationToken)
                    {
                        callArguments.Add("cancellationToken");
                        continue;
                    }

                    var local = "p_" + parameter.Name;
                    var wire = CSharpLiterals.String(parameter.Name);
                    var type = parameter.Type!;
                    if (parameter.IsRequired)
                    {
                        w.Line($"var {local} = {Read(type, $"{TypeNames.PromptToolArguments}.Required(arguments, {wire})", wire, 0)};");
                    }
                    else
                    {
                        var fallback = parameter.DefaultExpression ?? "default";
                        w.Line($"{DeclaredType(type)} {local} = {TypeNames.PromptToolArguments}.TryGet(arguments, {wire}, out var j_{parameter.Name}) ? {Read(type, "j_" + parameter.Name, wire, 0)} : {fallback};");
                    }

                    callArguments.Add(local);
                }

                var receiver = tool.IsStatic ? tool.ContainingType : "_target";
                var call = $"{receiver}.{tool.MethodName}({string.Join(", ", callArguments)})";
                if (isAsync) call = $"await {call}.ConfigureAwait(false)";
                string result;
                if (tool.ReturnsVoid)
                {
                    w.Line(call + ";");
                    result = "null";
                }
                else
                {
                    w.Line($"var result = {call};");
                    result = tool.Return!.Kind == ToolTypeKind.String ? "result" : $"{TypeNames.PromptToolResults}.ToJson(result, {Writer(tool.Return!, 0)})";
                }

                w.Line(isAsync ? $"return {result};" : $"return new global::System.Threading.Tasks.ValueTask<object?>({result});");
            }
        }
    }

    private static string ClassName(ToolMethodModel tool)
    {
        var chars = tool.ToolName.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
        if (chars.Length > 0) chars[0] = char.ToUpperInvariant(chars[0]);
        return new string(chars) + "ToolFunction";
    }

    private static string DeclaredType(ToolTypeModel type) => type.Kind == ToolTypeKind.Array
        ? ElementType(type.Element!) + "[]" + (type.IsNullable ? "?" : string.Empty)
        : type.CSharpType + (type.IsNullable ? "?" : string.Empty);

    private static string ElementType(ToolTypeModel element) => DeclaredType(element);

    /// <summary>The expression reading JSON <paramref name="json"/> (a <c>JsonElement</c>) as <paramref name="type"/>.</summary>
    private static string Read(ToolTypeModel type, string json, string name, int depth) => type.Kind switch
    {
        ToolTypeKind.Json => $"{TypeNames.PromptToolArguments}.ReadElement({json}, {name})",
        ToolTypeKind.Enum => $"{TypeNames.PromptToolArguments}.ReadEnum<{type.CSharpType}>({json}, {name})",
        ToolTypeKind.Array => ReadArray(type, json, name, depth),
        // The other kinds are scalars whose readers are named after them (ReadString, ReadInt32, ReadDateTimeOffset, ...).
        _ => $"{TypeNames.PromptToolArguments}.Read{type.Kind}({json}, {name})",
    };

    private static string ReadArray(ToolTypeModel type, string json, string name, int depth)
    {
        var element = type.Element!;
        var item = "e" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var itemName = "n" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var read = Read(element, item, itemName, depth + 1);
        if (element.IsNullable) read = $"{item}.ValueKind == global::System.Text.Json.JsonValueKind.Null ? default({ElementType(element)}) : {read}";
        return $"{TypeNames.PromptToolArguments}.ReadArray<{ElementType(element)}>({json}, {name}, static ({item}, {itemName}) => {read})";
    }

    /// <summary>A lambda writing a value of <paramref name="type"/> to a <c>Utf8JsonWriter</c>.</summary>
    private static string Writer(ToolTypeModel type, int depth)
    {
        var w = "w" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var v = "v" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var isValueType = type.Kind is not (ToolTypeKind.String or ToolTypeKind.Array);
        var value = isValueType && type.IsNullable ? v + ".Value" : v;
        var write = type.Kind switch
        {
            ToolTypeKind.String or ToolTypeKind.Guid or ToolTypeKind.DateTime or ToolTypeKind.DateTimeOffset => $"{w}.WriteStringValue({value});",
            ToolTypeKind.Boolean => $"{w}.WriteBooleanValue({value});",
            ToolTypeKind.Json => $"{value}.WriteTo({w});",
            ToolTypeKind.Enum => $"{w}.WriteStringValue({value}.ToString());",
            ToolTypeKind.Array => $"{TypeNames.PromptToolResults}.WriteArray({w}, {value}, {Writer(type.Element!, depth + 1)});",
            _ => $"{w}.WriteNumberValue({value});",
        };
        var nullCheck = !isValueType || type.IsNullable ? $"if ({v} is null) {{ {w}.WriteNullValue(); return; }} " : string.Empty;
        return $"static ({w}, {v}) => {{ {nullCheck}{write} }}";
    }

    /// <summary>The arguments object's schema: one property per bound parameter, the required ones listed.</summary>
    private static string ArgumentsSchema(ToolMethodModel tool)
    {
        var properties = new List<(string, PromptValue)>();
        var required = new List<PromptValue>();
        foreach (var parameter in tool.Parameters.Where(p => !p.IsCancellationToken))
        {
            properties.Add((parameter.Name, Schema(parameter.Type!, parameter.Description)));
            if (parameter.IsRequired) required.Add(PromptValue.String(parameter.Name));
        }

        var schema = new List<(string, PromptValue)> { ("type", PromptValue.String("object")), ("properties", PromptValue.Object(properties.ToArray())) };
        if (required.Count > 0) schema.Add(("required", PromptValue.Array(required)));
        return PromptJson.Serialize(PromptValue.Object(schema.ToArray()));
    }

    private static PromptValue Schema(ToolTypeModel type, string? description)
    {
        var entries = new List<(string, PromptValue)>();
        if (description is not null) entries.Add(("description", PromptValue.String(description)));
        string? jsonType = type.Kind switch
        {
            ToolTypeKind.String or ToolTypeKind.Guid or ToolTypeKind.DateTime or ToolTypeKind.DateTimeOffset or ToolTypeKind.Enum => "string",
            ToolTypeKind.Boolean => "boolean",
            ToolTypeKind.Int32 or ToolTypeKind.Int64 => "integer",
            ToolTypeKind.Double or ToolTypeKind.Single or ToolTypeKind.Decimal => "number",
            ToolTypeKind.Array => "array",
            _ => null,
        };
        if (jsonType is not null)
        {
            entries.Add(("type", type.IsNullable ? PromptValue.Array(PromptValue.String(jsonType), PromptValue.String("null")) : PromptValue.String(jsonType)));
        }

        if (type.Kind == ToolTypeKind.Guid) entries.Add(("format", PromptValue.String("uuid")));
        if (type.Kind is ToolTypeKind.DateTime or ToolTypeKind.DateTimeOffset) entries.Add(("format", PromptValue.String("date-time")));
        if (type.Kind == ToolTypeKind.Enum)
        {
            var members = type.EnumMembers.Select(PromptValue.String).ToList();
            if (type.IsNullable) members.Add(PromptValue.Null);
            entries.Add(("enum", PromptValue.Array(members)));
        }

        if (type.Kind == ToolTypeKind.Array) entries.Add(("items", Schema(type.Element!, null)));
        return PromptValue.Object(entries.ToArray());
    }

    private static string EscapeKeyword(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
