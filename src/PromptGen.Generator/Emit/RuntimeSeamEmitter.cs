using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>
/// The generated members that hand over to the runtime library: <c>Render</c> (with the prompt's input defaults),
/// <c>Parse</c>, <c>TryParse</c> and <c>RunAsync</c>. Their logic lives once in the runtime
/// (<c>PromptOutputParser&lt;T&gt;</c>, <c>PromptRunner</c>, <c>JsonText</c>); generated bodies are one call.
/// </summary>
internal static class RuntimeSeamEmitter
{
    internal const string ParserField = "s_outputParser";
    internal const string CallSiteField = "s_callSite";

    /// <summary>
    /// The output parser field: the strict reader and writer of the output type and its shape as the schema-aligned
    /// parser sees it (wire names, required fields, enum values), from the mapped types: a one-line description the
    /// runtime reads once.
    /// </summary>
    public static void EmitOutputParser(IndentedWriter w, PromptModel model)
    {
        if (model.IsTextOutput) return;
        var outputType = TypeNames.Of(model.OutputType, TypeNames.QualifiedClass(model.Identity));
        var reader = JsonCodecEmitter.OutputReader(model);
        var writer = JsonCodecEmitter.OutputWriter(model);
        var shape = CSharpLiterals.Quote(OutputShapes.Description(model, model.OutputType));
        // The parser also holds the response format's schema, parsed once (a JSON output always has one).
        var schema = model.OutputJsonSchema is null ? string.Empty : ", OutputJsonSchema";
        w.Line($"private static readonly {TypeNames.PromptOutputParser}<{outputType}> {ParserField} = new({reader}, {writer}, {shape}{schema});");
    }

    /// <summary>
    /// The input defaults a render needs (static fields, <c>WithDefaults</c>), the two <c>Render</c> overloads (typed and JSON) and the
    /// compiled template (<see cref="PromptModel.RenderCode"/>). Defaults fill absent (typed: null) fields exactly as
    /// the run-time renderer does; JSON input is read strictly as <c>Input</c> when the prompt has an input schema.
    /// </summary>
    public static void EmitRenderMembers(IndentedWriter w, PromptModel model)
    {
        var withDefaults = EmitDefaults(w, model);
        var typedInput = withDefaults ? "WithDefaults(input)" : "input";
        var readInput = $"{TypeNames.JsonText}.Read<Input>(input, JsonCodec.ReadInput)";
        var untypedDefaults = !model.HasInputSchema && model.InputDefaultJson is not null;
        string render, renderJson;
        if (!model.HasInputSchema)
        {
            render = untypedDefaults ? $"RenderTemplate({TypeNames.PromptInputDefaults}.Apply(s_inputDefault, null), options);" : "RenderTemplate(null, options);";
            renderJson = untypedDefaults
                ? $"RenderTemplate({TypeNames.PromptInputDefaults}.Apply(s_inputDefault, {TypeNames.TemplateRuntime}.FromJson(input)), options);"
                : $"RenderTemplate({TypeNames.TemplateRuntime}.FromJson(input), options);";
        }
        else
        {
            string RenderInput(string input) => model.IsRenderTyped
                ? $"RenderTyped({input}, options);"
                : $"RenderTemplate({TypeNames.TemplateRuntime}.FromJson({TypeNames.JsonText}.Write({input}, JsonCodec.WriteInput)), options);";
            render = RenderInput(typedInput);
            // Absent fields take their defaults in the reader; an explicit null stays null, as in the run-time renderer.
            renderJson = RenderInput(readInput);
        }

        // When the compiled template takes the input as it is (no defaults to fill in), it is the typed Render itself
        // rather than a private method behind a one-line wrapper. The code is copied from RenderCode line by line,
        // without its trailing whitespace.
        var renderCode = model.RenderCode;
        var codeEnd = renderCode.Length;
        while (codeEnd > 0 && char.IsWhiteSpace(renderCode[codeEnd - 1])) codeEnd--;
        var typedRenderIsTemplate = model.HasInputSchema && model.IsRenderTyped && !withDefaults && renderCode.StartsWith(RenderCodeBuilder.RenderTypedHeader, StringComparison.Ordinal);
        if (typedRenderIsTemplate) renderJson = $"Render({readInput}, options);";

        // One typed overload with an optional argument, as Microsoft.Extensions.AI shapes its methods; it also converts
        // to the Func<Input, PromptRenderOptions?, IList<ChatMessage>> that PromptRunner takes.
        w.Line();
        w.Line("/// <summary>Renders the prompt's messages for <paramref name=\"input\"/>, with history, context data and documents from <paramref name=\"options\"/>.</summary>");
        if (typedRenderIsTemplate)
        {
            w.CodeLines(renderCode, RenderCodeBuilder.RenderTypedHeader.Length, codeEnd, TypedRenderHeader);
            w.Line();
        }
        else
        {
            w.Line($"public static {TypeNames.ChatMessages} Render(Input input, {TypeNames.PromptRenderOptions}? options = null) =>");
            w.Line($"    {render}");
            w.Line();
        }

        if (model.HasInputSchema)
        {
            w.Line("/// <summary>Renders the prompt's messages for an input given as JSON, read as <see cref=\"Input\"/>.</summary>");
            w.Line($"/// <exception cref=\"{TypeNames.JsonException}\"><paramref name=\"input\"/> is not an <see cref=\"Input\"/> (a missing required field, a wrong type, a string that cannot be decoded); the message says where.</exception>");
        }
        else
        {
            w.Line("/// <summary>Renders the prompt's messages for an input given as JSON, used as it is.</summary>");
        }

        w.Line($"public static {TypeNames.ChatMessages} Render({TypeNames.JsonElement} input, {TypeNames.PromptRenderOptions}? options = null) =>");
        w.Line($"    {renderJson}");
        if (typedRenderIsTemplate) return;
        w.Line();
        w.CodeLines(renderCode, 0, codeEnd);
    }

    /// <summary>The first line of the compiled typed template (<see cref="RenderCodeBuilder.RenderTypedHeader"/>) as the public typed <c>Render</c>.</summary>
    private const string TypedRenderHeader = $"public static {TypeNames.ChatMessages} Render(Input input, {TypeNames.PromptRenderOptions}? options = null)";

    /// <summary>Writes the default-value fields and <c>WithDefaults</c>; true when <c>WithDefaults</c> exists.</summary>
    private static bool EmitDefaults(IndentedWriter w, PromptModel model)
    {
        var cls = TypeNames.QualifiedClass(model.Identity);
        if (!model.HasInputSchema)
        {
            if (model.InputDefaultJson is null) return false;
            w.Line();
            w.Line("/// <summary>The frontmatter's <c>input.default</c>, applied under untyped input.</summary>");
            w.Line($"private static readonly object? s_inputDefault = {TypeNames.TemplateRuntime}.FromJson({CSharpLiterals.Quote(model.InputDefaultJson)});");
            return false;
        }

        var defaulted = model.Input.Properties.Where(p => p.Default is not null).ToList();
        foreach (var property in defaulted.Where(p => p.Default!.Constant is null))
        {
            var type = property.Type.AsNonNullable();
            w.Line();
            w.Line($"/// <summary>The default of <c>{XmlDoc.Escape(property.WireName)}</c> (<c>input.default</c>).</summary>");
            w.Line($"private static readonly {TypeNames.Spell(type, cls)} {JsonCodecEmitter.DefaultField(property)} =");
            w.Line($"    {TypeNames.JsonText}.Read<{TypeNames.Spell(type, cls)}>({CSharpLiterals.Quote(property.Default!.Json)}, {JsonCodecEmitter.DefaultReader(type)});");
        }

        // A field that cannot hold null (a number with a constant default) always has a value.
        var nullable = defaulted.Where(p => p.Type.IsNullable || !p.Type.IsValueType).ToList();
        if (nullable.Count == 0) return false;
        var complete = string.Join(" && ", nullable.Select(p => $"input.{p.PropertyName} is not null"));
        w.Line();
        w.Line("/// <summary>The input with <c>input.default</c> in place of null fields, as the run-time renderer applies it.</summary>");
        w.Line($"private static Input WithDefaults(Input input) =>");
        w.Line($"    {complete} ? input : input with");
        w.Line("    {");
        foreach (var p in nullable) w.Line($"        {p.PropertyName} = input.{p.PropertyName} ?? {p.Default!.Constant ?? JsonCodecEmitter.DefaultField(p)},");
        w.Line("    };");
        return true;
    }

    /// <summary><c>Parse</c> and <c>TryParse</c>: one call each into the output parser.</summary>
    public static void EmitParseMembers(IndentedWriter w, PromptModel model)
    {
        if (model.IsTextOutput) return;
        var outputType = TypeNames.Of(model.OutputType, TypeNames.QualifiedClass(model.Identity));
        var nullableOutput = model.OutputType.IsNullable ? outputType : outputType + "?";
        // For a non-nullable value type, TryParse's out parameter is Nullable<T>.
        var tryParse = model.OutputType.IsValueType && !model.OutputType.IsNullable
            ? $"{TypeNames.PromptOutputParserExtensions}.TryParseNullable({ParserField}, modelText, out value, out report);"
            : $"{ParserField}.TryParse(modelText, out value, out report);";
        w.Line();
        w.Line("/// <summary>Parses model output leniently (repairing almost-JSON); throws <c>PromptOutputException</c> when it cannot.</summary>");
        w.Line($"public static {outputType} Parse(string modelText) => {ParserField}.Parse(modelText);");
        w.Line();
        w.Line("/// <summary>Parses model output leniently; <paramref name=\"report\"/> lists every repair applied.</summary>");
        w.Line($"public static bool TryParse(string modelText, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {nullableOutput} value, out {TypeNames.PromptParseReport} report) =>");
        w.Line($"    {tryParse}");
    }

    /// <summary><c>RunAsync</c>: <c>PromptRunner</c> with <c>Render</c>, the prompt's options under the caller's, and the output parser.</summary>
    public static void EmitRunAsync(IndentedWriter w, PromptModel model)
    {
        w.Line();
        w.Line("/// <summary>Renders the prompt, calls the model and parses its answer.</summary>");
        w.Line("/// <param name=\"options\">Chat options, render data and answer handling for this call (a <c>ChatOptions</c> converts implicitly).</param>");
        EmitRunAsyncOverload(w, model, "public", Array.Empty<string>(), model.Variants.IsEmpty
            ? RunnerCall(model, CallSiteField, "Render", "CreateOptions()")
            : VariantEmitter.RunFromOptions);
    }

    /// <summary>A <c>RunAsync</c> overload, after its XML documentation (see <see cref="EmitInputMethod"/>).</summary>
    public static void EmitRunAsyncOverload(IndentedWriter w, PromptModel model, string access, IEnumerable<string> extraParameters, string body)
    {
        var outputType = TypeNames.Of(model.OutputType, TypeNames.QualifiedClass(model.Identity));
        EmitInputMethod(w, $"{access} static {TypeNames.Task(TypeNames.PromptResult(outputType))} RunAsync", extraParameters, body);
    }

    /// <summary>
    /// A method of the prompt class that calls the model (<c>RunAsync</c>, <c>StreamAsync</c>), after its XML
    /// documentation: <paramref name="declaration"/>, then the client, the input, <paramref name="extraParameters"/>, the
    /// caller's options and the cancellation token, with <paramref name="body"/> as its expression body.
    /// </summary>
    public static void EmitInputMethod(IndentedWriter w, string declaration, IEnumerable<string> extraParameters, string body)
    {
        w.Line($"{declaration}(");
        w.Line($"    {TypeNames.IChatClient} client,");
        w.Line("    Input input,");
        foreach (var parameter in extraParameters) w.Line($"    {parameter},");
        w.Line($"    {TypeNames.PromptRunOptions}? options = null,");
        w.Line($"    {TypeNames.CancellationToken} cancellationToken = default) =>");
        w.Line($"    {body}");
    }

    /// <summary>
    /// The <c>PromptRunner.RunAsync</c> call of a <c>RunAsync</c> overload: its call site, render and chat options, with
    /// the prompt's output reader (the output parser's, or the text reader for text output).
    /// </summary>
    public static string RunnerCall(PromptModel model, string callSite, string render, string createOptions) =>
        $"{TypeNames.PromptRunner}.RunAsync({callSite}, client, input, {render}, {createOptions}, options, {OutputReader(model)}, cancellationToken);";

    /// <summary>The reader of the prompt's final answer: the output parser's, or the text reader for text output.</summary>
    public static string OutputReader(PromptModel model) => model.IsTextOutput ? TypeNames.PromptTextOutput + ".Reader" : ParserField + ".Reader";

    /// <summary><c>PromptVersion</c>: the first 12 hex digits of the SHA-256 of the <c>.prompt</c> file's text.</summary>
    public static void EmitPromptVersion(IndentedWriter w, PromptModel model)
    {
        w.Line();
        w.Line("/// <summary>The version of the <c>.prompt</c> file: the first 12 hex digits of the SHA-256 of its text.</summary>");
        w.Line($"public const string PromptVersion = {CSharpLiterals.Quote(model.Version)};");
    }

    /// <summary>
    /// The call site field: which prompt a chat call belongs to (name, version, variant) and the writers of its input
    /// and output, for middleware that observes calls (<c>PromptCallContext</c>).
    /// </summary>
    public static void EmitCallSite(IndentedWriter w, PromptModel model)
    {
        var outputType = TypeNames.Of(model.OutputType, TypeNames.QualifiedClass(model.Identity));
        var writeInput = model.HasInputSchema ? "JsonCodec.WriteInput" : "null";
        var writeOutput = model.IsTextOutput ? "null" : JsonCodecEmitter.OutputWriter(model);
        var variant = model.Variant is null ? "null" : CSharpLiterals.String(model.Variant);
        w.Line($"private static readonly {TypeNames.PromptCallSite}<Input, {outputType}> {CallSiteField} = " +
            $"new(PromptName, PromptVersion, {variant}, {writeInput}, {writeOutput});");
    }

    /// <summary>
    /// The catalog descriptor's <c>ParseToJson</c> delegate, from a member of the prompt class. A lambda over the parser
    /// field, not a method group, so creating the delegate does not read the field (and initialize the prompt class).
    /// </summary>
    public static string ParseToJsonDelegate(bool isTextOutput) =>
        isTextOutput
            ? TypeNames.PromptTextOutput + ".ParseToJson"
            : $"static modelText => {ParserField}.ParseToJson(modelText)";
}
