using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>Writes the C# source of one prompt: the prompt class and its <c>IChatClient</c> extension method.</summary>
internal static class PromptSourceEmitter
{
    public static string Emit(PromptModel model)
    {
        var identity = model.Identity;
        var cls = TypeNames.QualifiedClass(identity);
        var access = identity.Accessibility;
        var outputType = TypeNames.Of(model.OutputType, cls);
        var w = GeneratedFile.Start(
            $" from {GeneratedFile.FileName(identity.Path)}. Edit the .prompt file, not this file.",
            GeneratedFile.UndocumentedMembers + " // Generated members without a description in the prompt have no XML documentation.");
        GeneratedFile.FileScopedNamespace(w, identity.Namespace);

        w.Line($"/// <summary>The <c>{XmlDoc.Escape(identity.PromptName)}</c> prompt ({XmlDoc.Escape(GeneratedFile.FileName(identity.Path))}).</summary>");
        XmlDoc.Remarks(w, model.Description);

        w.Line(GeneratedCodeAttribute);
        using (w.Block($"{access} static partial class {identity.ClassName}"))
        {
            w.Line("/// <summary>The Dotprompt name of this prompt.</summary>");
            w.Line($"public const string PromptName = {CSharpLiterals.Quote(identity.PromptName)};");
            w.Line();
            EmitInput(w, cls, model.Input);
            foreach (var record in model.Records)
            {
                w.Line();
                EmitRecord(w, cls, record);
            }

            foreach (var enumModel in model.Enums)
            {
                w.Line();
                EmitEnum(w, enumModel);
            }

            if (model.OutputJsonSchema is not null)
            {
                w.Line();
                w.Line("/// <summary>The output JSON Schema, exactly as it is sent to the model as the response format.</summary>");
                // One line: the schema is compact JSON (a JSON text never starts or ends with a quote, so a one-line
                // raw literal holds it), which keeps the generated code small; only whitespace would differ.
                var delimiter = CSharpLiterals.RawStringDelimiter(model.OutputJsonSchema);
                w.Line($"public const string OutputJsonSchema = {delimiter}{model.OutputJsonSchema}{delimiter};");
            }

            RuntimeSeamEmitter.EmitPromptVersion(w, model);
            // The private state of the prompt's members, together: the output parser (with the schema as sent), the call site.
            w.Line();
            RuntimeSeamEmitter.EmitOutputParser(w, model);
            RuntimeSeamEmitter.EmitCallSite(w, model);
            RuntimeSeamEmitter.EmitRenderMembers(w, model);
            w.Line();
            EmitCreateOptions(w, model);
            RuntimeSeamEmitter.EmitParseMembers(w, model);
            if (!ToolEmitter.NeedsTargets(model)) RuntimeSeamEmitter.EmitRunAsync(w, model);
            ToolEmitter.EmitMembers(w, model);
            StreamEmitter.EmitMembers(w, model);
            VariantEmitter.EmitBaseMembers(w, model);
            if (JsonCodecEmitter.IsNeeded(model))
            {
                w.Line();
                JsonCodecEmitter.Emit(w, model);
            }
        }

        w.Line();
        EmitExtension(w, model, cls, outputType);
        if (model.Enums.Count > 0)
        {
            w.Line();
            EmitEnumExtensions(w, model, cls);
        }

        return w.ToStringAndFree();
    }

    /// <summary>A declaration up to this long (without indentation) stays on one line.</summary>
    internal const int MaxLineLength = 120;

    /// <summary>The <c>[GeneratedCode]</c> attribute line, made once: every generated class carries it.</summary>
    internal static readonly string GeneratedCodeAttribute =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"{GeneratorInfo.Name}\", \"{GeneratorInfo.Version}\")]";

    /// <summary>
    /// The classes every prompt file of a namespace adds to; <c>PromptGenCatalog.g.cs</c> declares each once per
    /// namespace with its documentation and <c>[GeneratedCode]</c>, which a partial class carries only once.
    /// </summary>
    internal const string ExtensionsClass = "PromptChatClientExtensions";

    /// <inheritdoc cref="ExtensionsClass"/>
    internal const string EnumExtensionsClass = "PromptEnumExtensions";

    private static void EmitInput(IndentedWriter w, string cls, RecordModel input)
    {
        XmlDoc.Summary(w, input.Description ?? "The input of the prompt: one property per input field.");
        var ordered = JsonCodecEmitter.InputOrder(input);
        foreach (var property in ordered) XmlDoc.Param(w, property.PropertyName, property.Description, DefaultText(property));
        if (ordered.Count == 0)
        {
            w.Line("public sealed partial record Input();");
            return;
        }

        var parameters = ordered.Select(p => $"{TypeNames.Of(p.Type, cls)} {p.PropertyName}{ParameterDefault(p)}").ToList();
        var oneLine = $"public sealed partial record Input({string.Join(", ", parameters)});";
        if (oneLine.Length <= MaxLineLength)
        {
            w.Line(oneLine);
            return;
        }

        w.Line("public sealed partial record Input(");
        for (var i = 0; i < parameters.Count; i++) w.Line($"    {parameters[i]}{(i == parameters.Count - 1 ? ");" : ",")}");
    }

    /// <summary>
    /// A parameter's default: the <c>input.default</c> constant when C# has one; <c>null</c> for other defaults (the
    /// generated render applies them) and for optional fields; nothing for fields the caller must give.
    /// </summary>
    internal static string ParameterDefault(PropertyModel property) =>
        property.Default is { } value ? " = " + (value.Constant ?? "null") : property.IsRequired ? string.Empty : " = null";

    /// <summary>
    /// The parameter lines of a method that takes the prompt's input as parameters (the extension method, the hosting
    /// client's methods): one per input property with its default, then <c>options</c> and <c>cancellationToken</c>,
    /// ending in <c>) =&gt;</c> before the forwarding call.
    /// </summary>
    internal static void EmitCallParameters(IndentedWriter w, string cls, IEnumerable<PropertyModel> parameters)
    {
        foreach (var parameter in parameters) w.Line($"    {TypeNames.Spell(parameter.Type, cls)} {parameter.ParameterName}{ParameterDefault(parameter)},");
        w.Line($"    {TypeNames.PromptRunOptions}? options = null,");
        w.Line($"    {TypeNames.CancellationToken} cancellationToken = default) =>");
    }

    /// <summary>
    /// The body of an extension method: <paramref name="method"/> of the prompt class with the parameters as its input,
    /// the tool targets, the options and the cancellation token.
    /// </summary>
    internal static void EmitForwardingCall(IndentedWriter w, PromptModel model, string cls, string method, IReadOnlyList<PropertyModel> parameters)
    {
        w.Begin($"    {cls}.{method}(client, new {cls}.Input(");
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i > 0) w.Append(", ");
            w.Append(parameters[i].ParameterName);
        }

        w.Append("), ");
        foreach (var target in ToolEmitter.Targets(model)) w.Append(target.Parameter).Append(", ");
        w.End("options, cancellationToken);");
    }

    internal static string? DefaultText(PropertyModel property) =>
        property.Default is { } value ? InputDefaultValues.Display(value) : null;

    private static void EmitRecord(IndentedWriter w, string cls, RecordModel record)
    {
        XmlDoc.Summary(w, record.Description);
        using (w.Block($"public sealed partial record {record.Name}"))
        {
            for (var i = 0; i < record.Properties.Count; i++)
            {
                var property = record.Properties[i];
                if (i > 0) w.Line();
                XmlDoc.Summary(w, property.Description);
                var required = property.IsRequired ? "required " : string.Empty;
                var wireName = $"[global::System.Text.Json.Serialization.JsonPropertyName({CSharpLiterals.String(property.WireName)})]";
                w.Line($"{wireName} public {required}{TypeNames.Spell(property.Type, cls)} {property.PropertyName} {{ get; init; }}");
            }
        }
    }

    private static void EmitEnum(IndentedWriter w, EnumModel enumModel)
    {
        XmlDoc.Summary(w, enumModel.Description);
        using (w.Block($"public enum {enumModel.Name}"))
        {
            // A delimited doc comment keeps each member's documentation on the member's own line.
            foreach (var member in enumModel.Members)
            {
                w.Line($"/** <summary>Wire value <c>{XmlDoc.EscapeDelimited(member.WireName)}</c>.</summary> */ {member.MemberName},");
            }
        }
    }

    internal static void EmitCreateOptions(IndentedWriter w, PromptModel model)
    {
        var options = model.Options;
        w.Line("/// <summary>Chat options from the prompt's frontmatter: model, config and response format.</summary>");
        var empty = options.ModelId is null && options.Properties.Count == 0 && model.OutputJsonSchema is null &&
            options.AdditionalProperties.Count == 0 && !ToolEmitter.HasOptionsTools(model);
        w.Line($"public static {TypeNames.ChatOptions} CreateOptions() => new(){(empty ? ";" : string.Empty)}");
        if (empty) return;
        w.OpenBrace();
        if (options.ModelId is not null) w.Line($"ModelId = {CSharpLiterals.Quote(options.ModelId)},");
        foreach (var property in options.Properties) w.Line($"{property.Key} = {property.ValueExpression},");
        if (model.OutputJsonSchema is not null)
        {
            var name = CSharpLiterals.String(ResponseFormatName(model.Identity));
            var description = model.OutputSchemaDescription is null ? "null" : CSharpLiterals.String(model.OutputSchemaDescription);
            w.Line($"ResponseFormat = {RuntimeSeamEmitter.ParserField}.ResponseFormat({name}, {description}),");
        }

        if (options.AdditionalProperties.Count > 0)
        {
            w.Line($"AdditionalProperties = new {TypeNames.AdditionalPropertiesDictionary}");
            w.OpenBrace();
            foreach (var property in options.AdditionalProperties)
            {
                w.Line($"[{CSharpLiterals.Quote(property.Key)}] = {property.ValueExpression},");
            }

            w.CloseBrace(",");
        }

        ToolEmitter.EmitOptionsTools(w, model);
        w.CloseBrace(";");
    }

    private static void EmitExtension(IndentedWriter w, PromptModel model, string cls, string outputType)
    {
        var identity = model.Identity;
        var parameters = JsonCodecEmitter.InputOrder(model.Input);
        // The class's documentation and [GeneratedCode] are on its declaration in the catalog, once per namespace.
        using (w.Block($"public static partial class {ExtensionsClass}"))
        {
            w.Line($"/// <summary>Runs the <c>{XmlDoc.Escape(identity.PromptName)}</c> prompt: renders it, calls the model and parses the answer.</summary>");
            foreach (var target in ToolEmitter.Targets(model)) XmlDoc.Param(w, target.Parameter, $"The object the {target.TypeName} tools are called on.");
            foreach (var parameter in parameters) XmlDoc.Param(w, parameter.ParameterName, parameter.Description, DefaultText(parameter));
            w.Line($"{ToolEmitter.TargetAccessibility(model, identity.Accessibility)} static {TypeNames.Task(TypeNames.PromptResult(outputType))} {identity.MethodName}(");
            w.Line($"    this {TypeNames.IChatClient} client,");
            // Objects that instance tools are called on come first: the input's optional parameters keep their defaults.
            foreach (var target in ToolEmitter.Targets(model)) w.Line($"    {target.Type} {target.Parameter},");
            EmitCallParameters(w, cls, parameters);
            EmitForwardingCall(w, model, cls, "RunAsync", parameters);
            StreamEmitter.EmitExtension(w, model, cls, outputType, parameters);
        }
    }

    /// <summary>
    /// <c>ToWireName()</c> and <c>TryParseWireName</c> for the prompt's enums, in a class shared by the namespace's prompts
    /// (extension methods must be declared in a top-level class, so not in the prompt class).
    /// </summary>
    private static void EmitEnumExtensions(IndentedWriter w, PromptModel model, string cls)
    {
        var access = model.Identity.Accessibility;
        using (w.Block($"public static partial class {EnumExtensionsClass}"))
        {
            foreach (var enumModel in model.Enums)
            {
                var type = cls + "." + enumModel.Name;
                var names = $"{cls}.JsonCodec.{enumModel.Name}Names";
                w.Line($"/// <summary>The JSON value of a <see cref=\"{type}\"/> member, as the model writes it.</summary>");
                w.Line($"{access} static string ToWireName(this {type} value) => {names}.NameOf((int)value);");
                w.Line($"/// <summary>The <see cref=\"{type}\"/> member whose JSON value is exactly <paramref name=\"wireName\"/>.</summary>");
                w.Line($"{access} static bool TryParseWireName(string? wireName, out {type} value) => {names}.TryParse(wireName, out value);");
            }
        }
    }

    /// <summary>Response format names allow letters, digits, <c>_</c> and <c>-</c> only (OpenAI's rule).</summary>
    private static string ResponseFormatName(PromptIdentity identity)
    {
        var name = new string(identity.PromptName.Select(c => c < 128 && (char.IsLetterOrDigit(c) || c is '_' or '-') ? c : '_').ToArray());
        return name.Length == 0 ? "output" : name;
    }
}
