using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>
/// The streaming half of a prompt's API: <c>StreamAsync</c> and the <c>PartialOutput</c> records in the prompt class, and
/// <c>{Name}StreamAsync</c> on <c>IChatClient</c>. A partial record derives from the runtime's <c>PartialRecord</c>
/// (<c>Completion</c> and the shared <c>PartialSource</c>) and has the output's properties, all nullable (nested records
/// as their partials); strings, lists of strings, numbers, enum and JSON values are read through the source at
/// positions and mask bits the record keeps. The projection from the runtime's streamed JSON values is one
/// <c>PartialRecordReader</c> per record in <c>JsonCodec</c>, over the record's property table, whose field switch reads
/// each property's position or value with one <c>PartialValues</c> call. A text prompt's partial value is the text so
/// far (<c>string</c>).
/// </summary>
internal static class StreamEmitter
{
    private const string RootRecord = "Output";

    /// <summary>The partial value type of <paramref name="model"/>'s stream, qualified.</summary>
    public static string PartialType(PromptModel model) =>
        model.IsTextOutput ? "string" : TypeNames.QualifiedClass(model.Identity) + "." + Names.PartialOutputOf(model);

    private static string StreamType(PromptModel model, string outputType) =>
        $"{TypeNames.PromptStream}<{PartialType(model)}, {outputType}>";

    /// <summary>Writes the partial records, their readers and <c>StreamAsync</c> inside the prompt class.</summary>
    public static void EmitMembers(IndentedWriter w, PromptModel model)
    {
        var cls = TypeNames.QualifiedClass(model.Identity);
        var outputType = TypeNames.Of(model.OutputType, cls);
        var names = model.IsTextOutput ? null : Names.For(model);
        if (names is not null) EmitPartialRecords(w, model, names, cls);

        var reader = RuntimeSeamEmitter.OutputReader(model);
        // Instance tools: the objects they are called on follow the input, exactly as in RunAsync.
        var targets = ToolEmitter.Targets(model);
        var createOptions = targets.Count == 0 ? "CreateOptions()" : $"CreateOptions({string.Join(", ", targets.Select(t => t.Parameter))})";
        var call = model.IsTextOutput
            ? $"{TypeNames.PromptStreamRunner}.StreamText(client, input, Render, {createOptions}, options, {reader}, cancellationToken);"
            : $"{TypeNames.PromptStreamRunner}.StreamJson(client, input, Render, {createOptions}, options, {reader}, JsonCodec.{ReaderOf(names!.PartialOutput)}, cancellationToken);";
        w.Line();
        w.Line(targets.Count == 0
            ? "/// <summary>Renders the prompt and streams the model's answer: partial values as they arrive, then the typed result from <c>GetResultAsync()</c>.</summary>"
            : "/// <summary>Renders the prompt and streams the model's answer with the prompt's tools: partial values as they arrive, then the typed result from <c>GetResultAsync()</c>. Tool calls run when the client is composed with <c>UseFunctionInvocation()</c>.</summary>");
        foreach (var target in targets) w.Line($"/// <param name=\"{target.Parameter}\">The object the <see cref=\"{target.Type}\"/> tools are called on.</param>");
        w.Line("/// <param name=\"options\">Chat options, render data and answer handling for this call (a <c>ChatOptions</c> converts implicitly).</param>");
        var declaration = $"{ToolEmitter.TargetAccessibility(model, "public")} static {StreamType(model, outputType)} StreamAsync";
        RuntimeSeamEmitter.EmitInputMethod(w, declaration, targets.Count == 0 ? Array.Empty<string>() : targets.Select(t => $"{t.Type} {t.Parameter}"), call);
    }

    /// <summary>Writes <c>{Name}StreamAsync</c> in the extension class: the parameters of <c>{Name}Async</c>, tool targets included.</summary>
    public static void EmitExtension(IndentedWriter w, PromptModel model, string cls, string outputType, IReadOnlyList<PropertyModel> parameters)
    {
        var identity = model.Identity;
        var name = StreamMethodName(identity.MethodName);
        w.Line();
        w.Line($"/// <summary>Streams the <c>{XmlDoc.Escape(identity.PromptName)}</c> prompt: partial values as the model writes, then the typed result from <c>GetResultAsync()</c>.</summary>");
        foreach (var target in ToolEmitter.Targets(model)) XmlDoc.Param(w, target.Parameter, $"The object the {target.TypeName} tools are called on.");
        foreach (var parameter in parameters) XmlDoc.Param(w, parameter.ParameterName, parameter.Description);
        w.Line($"{ToolEmitter.TargetAccessibility(model, identity.Accessibility)} static {StreamType(model, outputType)} {name}(");
        w.Line($"    this {TypeNames.IChatClient} client,");
        // As in {Name}Async: tool targets first, so the input's optional parameters keep their defaults.
        foreach (var target in ToolEmitter.Targets(model)) w.Line($"    {target.Type} {target.Parameter},");
        PromptSourceEmitter.EmitCallParameters(w, cls, parameters);
        PromptSourceEmitter.EmitForwardingCall(w, model, cls, "StreamAsync", parameters);
    }

    /// <summary><c>TriageTicketAsync</c> → <c>TriageTicketStreamAsync</c>.</summary>
    internal static string StreamMethodName(string methodName) =>
        methodName.EndsWith("Async", System.StringComparison.Ordinal)
            ? methodName.Substring(0, methodName.Length - "Async".Length) + "StreamAsync"
            : methodName + "StreamAsync";

    private static void EmitPartialRecords(IndentedWriter w, PromptModel model, Names names, string cls)
    {
        var root = model.OutputType;
        if (!IsRootRecord(root))
        {
            w.Line();
            w.Line("/// <summary>The output as it streams. <see cref=\"Value\"/> grows as the model writes; <see cref=\"IsComplete\"/> says the model has finished it.</summary>");
            using (w.Block($"public sealed partial record {names.PartialOutput}"))
            {
                w.Line("/// <summary>The value so far; null until it has started (numbers and enum values: until complete).</summary>");
                w.Line($"public {PartialTypeOf(root, names, cls)}? Value {{ get; init; }}");
                w.Line();
                w.Line("/// <summary>True once the model has moved past the whole value.</summary>");
                w.Line("public bool IsComplete { get; init; }");
            }
        }

        foreach (var record in names.Reachable)
        {
            w.Line();
            var partialName = names.Of(record.Name);
            w.Line(record.Name == RootRecord && IsRootRecord(root)
                ? "/// <summary>The output as it streams: every field nullable until it has started; <see cref=\"Completion\"/> says which are complete.</summary>"
                : $"/// <summary><see cref=\"{record.Name}\"/> as it streams; <see cref=\"Completion\"/> says which fields are complete.</summary>");
            using (w.Block($"public sealed partial record {partialName} : {TypeNames.PartialRecord}"))
            {
                // A partial record is copied on every chunk that changes it, so it is kept small: it reads its strings,
                // lists of strings, numbers, enum values, JSON values and completeness through one shared PartialSource,
                // at positions for what grows and with one bit of a mask for what appears once complete (a boolean is
                // two bits, its value in the mask): a few integers and one reference (one write barrier) per copy.
                // A field named like a member of PartialRecord hides it (`new`); the source is then read as base.Source.
                var source = Names.HasProperty(record, "Source") ? "base.Source" : "Source";
                var mask = names.MaskOf(record);
                var bits = MaskBits(record);
                var positions = new List<string>();
                for (var i = 0; i < record.Properties.Count; i++)
                {
                    var property = record.Properties[i];
                    var modifiers = property.PropertyName is "Source" or "Completion" ? "public new" : "public";
                    if (i > 0) w.Line();
                    XmlDoc.Summary(w, property.Description);
                    if (IsText(property) || IsStrings(property))
                    {
                        var (type, read, position) = IsText(property) ? ("string?", "Text", "int") : ("global::System.Collections.Generic.IReadOnlyList<string>?", "Strings", "long");
                        var at = names.PositionOf(record, property);
                        w.Line($"{modifiers} {type} {property.PropertyName} {{ get => {TypeNames.PartialSource}.{read}({source}, {i}, {at}); init => {source} = {TypeNames.PartialSource}.Give({source}, {i}, value, {property.PropertyName}); }}");
                        positions.Add($"internal {position} {at} {{ get; init; }}");
                    }
                    else if (bits[i] >= 0 && property.Type.Kind == TypeKind.Boolean)
                    {
                        // A boolean is two bits of the mask: set, and its value.
                        var (flag, on) = (Flag(bits[i]), Flag(bits[i] + 1));
                        w.Line($"{modifiers} bool? {property.PropertyName} {{ get => ({mask} & {flag}) != 0 ? ({mask} & {on}) != 0 : null; init => {mask} = ({mask} & ~({flag} | {on})) | (value is {{ }} v ? {flag} | (v ? {on} : 0u) : 0u); }}");
                    }
                    else if (bits[i] >= 0)
                    {
                        var partialType = PartialTypeOf(property.Type, names, cls);
                        w.Line($"{modifiers} {partialType}? {property.PropertyName} {{ get => {TypeNames.PartialSource}.Value<{partialType}>({source}, {i}, ({mask} & {Flag(bits[i])}) != 0); init => {source} = {TypeNames.PartialSource}.Give({source}, {i}, value, {property.PropertyName}); }}");
                    }
                    else
                    {
                        w.Line($"{modifiers} {PartialTypeOf(property.Type, names, cls)}? {property.PropertyName} {{ get; init; }}");
                    }
                }

                if (names.CompletionOf(record) is var completion && completion != "Completion")
                {
                    // A field named Completion hides PartialRecord.Completion: the completeness keeps a name of its own.
                    w.Line();
                    w.Line("/// <summary>Which fields (by wire name) the model has started and finished; a complete field no longer changes.</summary>");
                    w.Line($"public {TypeNames.PartialFields} {completion} {{ get => base.Completion; init => base.Completion = value; }}");
                }

                if (UsesMask(bits)) positions.Add($"internal uint {mask} {{ get; init; }}");
                // The positions and mask bits at which the fields above are read through PartialRecord's source.
                if (positions.Count > 0) w.Line();
                foreach (var position in positions) w.Line(position);
            }
        }
    }

    /// <summary>
    /// Writes the readers that project the streamed JSON values of an answer onto the partial records, inside
    /// <c>JsonCodec</c> (after the property tables they share with the strict readers).
    /// </summary>
    public static void EmitReaders(IndentedWriter w, PromptModel model)
    {
        if (model.IsTextOutput) return;
        var names = Names.For(model);
        var root = model.OutputType;
        if (!IsRootRecord(root))
        {
            w.Line();
            w.Line($"internal static readonly {TypeNames.PartialValueReader}<{names.PartialOutput}> {ReaderOf(names.PartialOutput)} = new(static node =>");
            w.Line($"    new() {{ Value = {ReadExpression(root.AsNonNullable(), "node", names, 0, ready: null)}, IsComplete = node.IsComplete }});");
        }

        // One reader per record: a property's name is matched once, then each update re-reads only what can still
        // change and copies the record only when a field's value changed. A record's reader is declared after the
        // readers it uses, so their static fields are set when its own initializer runs.
        var ready = new HashSet<string>();
        foreach (var record in InitializationOrder(names.Reachable))
        {
            w.Line();
            var partialName = names.Of(record.Name);
            var table = record.Properties.Count == 0 ? $"new {TypeNames.JsonPropertyNames}()" : JsonCodecEmitter.PropertyTable(record.Name);
            w.Line($"internal static readonly {TypeNames.PartialRecordReader}<{partialName}> {ReaderOf(partialName)} = new({table}, static (r, field, n) => field switch");
            w.OpenBrace();
            var bits = MaskBits(record);
            var mask = names.MaskOf(record);
            for (var i = 0; i < record.Properties.Count; i++)
            {
                var property = record.Properties[i];
                if (bits[i] >= 0 && property.Type.Kind != TypeKind.Boolean)
                {
                    // Read (and kept in the streamed value) once complete, then never changed: only its bit is set.
                    var flag = Flag(bits[i]);
                    w.Line($"{i} => (r.{mask} & {flag}) == 0 && {ReadExpression(property.Type.AsNonNullable(), "n", names, 0, ready)}.HasValue ? r with {{ {mask} = r.{mask} | {flag} }} : r,");
                    continue;
                }

                // A text or a list of strings is compared by its position, anything else by its value.
                if (IsText(property) || IsStrings(property))
                {
                    var at = names.PositionOf(record, property);
                    var read = IsText(property) ? "TextPosition" : "StringsPosition";
                    w.Line($"{i} => {TypeNames.PartialValues}.{read}(n) is var v && v != r.{at} ? r with {{ {at} = v }} : r,");
                }
                else
                {
                    var member = property.PropertyName;
                    w.Line($"{i} => {ReadExpression(property.Type.AsNonNullable(), "n", names, 0, ready)} is var v && !{TypeNames.PartialValues}.Same(v, r.{member}) ? r with {{ {member} = v }} : r,");
                }
            }

            w.Line("_ => r,");
            w.CloseBrace(");");
            ready.Add(record.Name);
        }
    }

    /// <summary>The records, each after the records its fields use (a cycle is broken where it closes).</summary>
    private static List<RecordModel> InitializationOrder(IReadOnlyList<RecordModel> records)
    {
        var byName = records.ToDictionary(r => r.Name);
        var visited = new HashSet<string>();
        var order = new List<RecordModel>();
        foreach (var record in records) Visit(record);
        return order;

        void Visit(RecordModel record)
        {
            if (!visited.Add(record.Name)) return;
            foreach (var property in record.Properties)
            {
                for (TypeRef? type = property.Type.AsNonNullable(); type is not null; type = type.Element?.AsNonNullable())
                {
                    if (type.Kind == TypeKind.Record && byName.TryGetValue(type.Name!, out var used)) Visit(used);
                }
            }

            order.Add(record);
        }
    }

    /// <summary>
    /// The bit of each property in its partial record's mask, -1 for none: a boolean takes two (set, and its value), a
    /// number, enum or JSON value one (set; the value is read through the record's source), while 32 bits last.
    /// </summary>
    private static int[] MaskBits(RecordModel record)
    {
        var bits = new int[record.Properties.Count];
        var next = 0;
        for (var i = 0; i < bits.Length; i++)
        {
            var property = record.Properties[i];
            var width = IsText(property) || IsStrings(property) || !IsPackable(property) ? 0 : property.Type.Kind == TypeKind.Boolean ? 2 : 1;
            bits[i] = width > 0 && next + width <= 32 ? next : -1;
            next += bits[i] >= 0 ? width : 0;
        }

        return bits;
    }

    /// <summary>Whether any property has a bit in the mask (see <see cref="MaskBits"/>).</summary>
    private static bool UsesMask(int[] bits)
    {
        foreach (var bit in bits)
        {
            if (bit >= 0) return true;
        }

        return false;
    }

    /// <summary>
    /// The name of a partial record's reader in <c>JsonCodec</c> (<c>PartialOutputReader</c>): clear of the codec's own
    /// members, which start with <c>Read</c>, <c>Write</c> or <c>TemplateJson</c> or end in <c>Names</c> or <c>Properties</c>,
    /// since every partial record's name starts with <c>Partial</c>.
    /// </summary>
    private static string ReaderOf(string partialName) => partialName + "Reader";

    private static bool IsText(PropertyModel property) => property.Type.Kind == TypeKind.String;

    /// <summary>A list of (non-null) strings: read through the record's source at a position, like a text (see EmitPartialRecords).</summary>
    private static bool IsStrings(PropertyModel property) =>
        property.Type is { Kind: TypeKind.List, Element: { Kind: TypeKind.String, IsNullable: false } };

    /// <summary>A field whose partial type is a nullable struct: a bit of the mask (see MaskBits).</summary>
    private static bool IsPackable(PropertyModel property) => property.Type.IsValueType;

    /// <summary>The mask bit <paramref name="bit"/> as a C# literal (<c>0x4u</c>).</summary>
    private static string Flag(int bit) => s_flags[bit];

    /// <summary>The literals of the 32 mask bits, made once.</summary>
    private static readonly string[] s_flags = MakeFlags();

    private static string[] MakeFlags()
    {
        var flags = new string[32];
        for (var bit = 0; bit < flags.Length; bit++) flags[bit] = "0x" + (1u << bit).ToString("X", System.Globalization.CultureInfo.InvariantCulture) + "u";
        return flags;
    }

    private static bool IsRootRecord(TypeRef root) => root.Kind == TypeKind.Record && !root.IsNullable && root.Name == RootRecord;

    /// <summary>The C# partial type of a mapped type (without the outer <c>?</c>).</summary>
    private static string PartialTypeOf(TypeRef type, Names names, string cls)
    {
        var core = type.AsNonNullable();
        return core.Kind switch
        {
            TypeKind.Record => cls + "." + names.Of(core.Name!),
            TypeKind.List => "global::System.Collections.Generic.IReadOnlyList<" + PartialTypeOf(core.Element!, names, cls) + ">",
            TypeKind.Map => "global::System.Collections.Generic.IReadOnlyDictionary<string, " + PartialTypeOf(core.Element!, names, cls) + ">",
            _ => TypeNames.Of(core, cls),
        };
    }

    /// <summary>The expression reading <paramref name="node"/> (a <c>StreamingNode?</c>) as the partial of <paramref name="type"/>.</summary>
    /// <remarks><paramref name="ready"/>: the records whose readers are initialized before this expression's initializer runs; null where it runs only once the codec is initialized (the root projection).</remarks>
    private static string ReadExpression(TypeRef type, string node, Names names, int depth, ISet<string>? ready)
    {
        var core = type.AsNonNullable();
        switch (core.Kind)
        {
            case TypeKind.String: return $"{TypeNames.PartialValues}.String({node})";
            case TypeKind.Int64: return $"{TypeNames.PartialValues}.Int64({node})";
            case TypeKind.Int32: return $"{TypeNames.PartialValues}.Int32({node})";
            case TypeKind.Double: return $"{TypeNames.PartialValues}.Double({node})";
            case TypeKind.Boolean: return $"{TypeNames.PartialValues}.Boolean({node})";
            case TypeKind.Json: return $"{TypeNames.PartialValues}.Json({node})";
            case TypeKind.Enum: return $"{TypeNames.PartialValues}.Enum({node}, {core.Name}Names)";
            // A reader used before its own initializer ran (a recursive record) is read through `!`: it is set by the time a stream reads.
            case TypeKind.Record: return $"{ReaderOf(names.Of(core.Name!))}{(ready is null || ready.Contains(core.Name!) ? string.Empty : "!")}.Read({node})";
            case TypeKind.List when core.Element!.Kind == TypeKind.String:
                return $"{TypeNames.PartialValues}.StringList({node})";
            default:
                var element = core.Element!.AsNonNullable();
                var item = "n" + depth;
                var valueType = element.IsValueType;
                var method = core.Kind == TypeKind.List ? (valueType ? "ValueList" : "List") : (valueType ? "ValueMap" : "Map");
                return $"{TypeNames.PartialValues}.{method}({node}, static {item} => {ReadExpression(element, item, names, depth + 1, ready)})";
        }
    }

    /// <summary>The partial records' names: <c>PartialOutput</c> and <c>Partial{Record}</c>, kept clear of the prompt's own types.</summary>
    private sealed class Names
    {
        private readonly HashSet<string> _taken;
        private readonly Dictionary<string, string> _partials = new();

        // The members and the readers of one prompt are written one after the other on the same thread, and both
        // need the names: the last set made on a thread is kept for the next call about the same model.
        [ThreadStatic]
        private static Names? t_last;

        private readonly PromptModel _model;

        private Names(PromptModel model)
        {
            _model = model;
            _taken = new HashSet<string> { "Input", "Output", "JsonCodec", "PromptName", "OutputJsonSchema" };
            foreach (var record in model.Records) _taken.Add(record.Name);
            foreach (var enumModel in model.Enums) _taken.Add(enumModel.Name);
            Reachable = ReachableRecords(model);
            // The first name claimed, so the same as PartialOutputOf gives.
            PartialOutput = Claim(PartialOutputName);
            foreach (var record in Reachable)
            {
                _partials[record.Name] = record.Name == RootRecord && IsRootRecord(model.OutputType) ? PartialOutput : Claim("Partial" + record.Name);
            }
        }

        /// <summary>The partial-record names of <paramref name="model"/>, made once for the members and the readers.</summary>
        public static Names For(PromptModel model)
        {
            var last = t_last;
            if (last is not null && ReferenceEquals(last._model, model)) return last;
            return t_last = new Names(model);
        }

        public IReadOnlyList<RecordModel> Reachable { get; }

        private const string PartialOutputName = "PartialOutput";

        /// <summary>
        /// <see cref="PartialOutput"/> alone, for the stream's type in signatures: the first name claimed, clear of the
        /// prompt's records and enums only (no reserved name starts with <c>Partial</c>).
        /// </summary>
        public static string PartialOutputOf(PromptModel model)
        {
            var name = PartialOutputName;
            while (IsTypeName(model, name)) name += "_";
            return name;
        }

        private static bool IsTypeName(PromptModel model, string name)
        {
            foreach (var record in model.Records)
            {
                if (record.Name == name) return true;
            }

            foreach (var enumModel in model.Enums)
            {
                if (enumModel.Name == name) return true;
            }

            return false;
        }

        public string PartialOutput { get; }

        public string Of(string recordName) => _partials[recordName];

        /// <summary><c>Completion</c>, unless the record has a property of that name.</summary>
        public string CompletionOf(RecordModel record)
        {
            var name = "Completion";
            while (HasProperty(record, name)) name += "_";
            return name;
        }

        /// <summary><c>Present</c>: the internal mask of the values a record has (see <c>MaskBits</c>).</summary>
        public string MaskOf(RecordModel record) => Clear(record, "Present");

        /// <summary><c>{Property}At</c>: the internal position a string or list-of-strings property reads at.</summary>
        public string PositionOf(RecordModel record, PropertyModel property) => Clear(record, property.PropertyName + "At");

        /// <summary><paramref name="name"/>, or it with underscores appended, clear of the record's properties and <c>Completion</c>.</summary>
        private string Clear(RecordModel record, string name)
        {
            var completion = CompletionOf(record);
            while (name == completion || HasProperty(record, name)) name += "_";
            return name;
        }

        /// <summary>Whether <paramref name="record"/> has a property named <paramref name="name"/> (a loop: asked for every property's names).</summary>
        internal static bool HasProperty(RecordModel record, string name)
        {
            var properties = record.Properties;
            for (var i = 0; i < properties.Count; i++)
            {
                if (properties[i].PropertyName == name) return true;
            }

            return false;
        }

        private string Claim(string name)
        {
            while (!_taken.Add(name)) name += "_";
            return name;
        }

        private static IReadOnlyList<RecordModel> ReachableRecords(PromptModel model)
        {
            var byName = new Dictionary<string, RecordModel>();
            foreach (var record in model.Records) byName.Add(record.Name, record);
            var seen = new HashSet<string>();
            var pending = new Stack<TypeRef>();
            pending.Push(model.OutputType);
            while (pending.Count > 0)
            {
                var type = pending.Pop();
                if (type.Element is not null) pending.Push(type.Element);
                if (type.Kind != TypeKind.Record || !seen.Add(type.Name!) || !byName.TryGetValue(type.Name!, out var found)) continue;
                foreach (var property in found.Properties) pending.Push(property.Type);
            }

            // Declaration order, so the generated file reads like the schema.
            var reachable = new List<RecordModel>(seen.Count);
            foreach (var record in model.Records)
            {
                if (seen.Contains(record.Name)) reachable.Add(record);
            }

            return reachable;
        }
    }
}
