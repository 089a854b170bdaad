using System.Text.RegularExpressions;
using PromptGen.Generator.Models;
using PromptGen.Language.Naming;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Emits the internal nested <c>JsonCodec</c> class: the strict readers and the writers of one prompt's generated
/// records and enums, and only the ones its members use. Primitives, lists, maps, nullable forms and whole-text entry
/// points are the runtime's (<c>PromptGen.Serialization</c>); readers return false instead of throwing, so a
/// malformed model answer costs no exception. No JsonSerializer, no reflection: AOT- and trim-safe.
/// </summary>
internal sealed class JsonCodecEmitter
{

    /// <summary>Records with at most this many required properties track them in one <c>ulong</c> mask.</summary>
    private const int MaxMaskedRequired = 64;

    /// <summary>
    /// The patterns of the codec calls in render code, in a class of their own so they are built (and the regex engine
    /// loaded) only for the prompts whose render code names a codec method at all.
    /// </summary>
    private static class RenderCodeCalls
    {
        public static readonly Regex Writers = new(@"\bJsonCodec\.Write(\w+)\(", RegexOptions.CultureInvariant);
        public static readonly Regex TemplateJson = new(@"\bJsonCodec\.TemplateJson(\w+)\(", RegexOptions.CultureInvariant);
    }

    private readonly PromptModel _model;
    private readonly string _cls;
    private readonly List<(bool IsReader, TypeRef Type)> _pending = new();
    private readonly HashSet<string> _requested = new();
    private readonly List<TypeRef> _pendingTemplateJson = new();

    private JsonCodecEmitter(PromptModel model)
    {
        _model = model;
        _cls = TypeNames.QualifiedClass(model.Identity);
    }

    /// <summary>The record named <paramref name="name"/> (a nested record or <c>Input</c>), or null: a prompt has a few records, so a search costs less than a table.</summary>
    private RecordModel? FindRecord(string name)
    {
        foreach (var record in _model.Records)
        {
            if (record.Name == name) return record;
        }

        return _model.Input.Name == name ? _model.Input : null;
    }

    /// <summary>The reader of the output type, as a delegate expression from the prompt class.</summary>
    public static string OutputReader(PromptModel model) => DelegateName(model.OutputType, "JsonCodec.", isReader: true);

    /// <summary>The writer of the output type, as a delegate expression from the prompt class.</summary>
    public static string OutputWriter(PromptModel model) => DelegateName(model.OutputType, "JsonCodec.", isReader: false);

    /// <summary>The reader of a non-constant default value's type, as a delegate expression from the prompt class.</summary>
    public static string DefaultReader(TypeRef type) => DelegateName(type.AsNonNullable(), "JsonCodec.", isReader: true);

    /// <summary>True when the prompt needs a codec class at all.</summary>
    public static bool IsNeeded(PromptModel model) =>
        !model.IsTextOutput || model.HasInputSchema || model.Enums.Count > 0 ||
        (Mentions(model.RenderCode, WriterCall) && RenderCodeCalls.Writers.IsMatch(model.RenderCode)) ||
        (Mentions(model.RenderCode, TemplateJsonCall) && RenderCodeCalls.TemplateJson.IsMatch(model.RenderCode));

    private const string WriterCall = "JsonCodec.Write";
    private const string TemplateJsonCall = "JsonCodec.TemplateJson";

    /// <summary>Whether <paramref name="code"/> contains <paramref name="call"/>: most render code names no codec method, and an ordinal search says so before any pattern runs.</summary>
    private static bool Mentions(string code, string call) => code.IndexOf(call, StringComparison.Ordinal) >= 0;

    /// <summary>Writes the <c>JsonCodec</c> class of <paramref name="model"/>.</summary>
    public static void Emit(IndentedWriter w, PromptModel model) => new JsonCodecEmitter(model).EmitClass(w);

    /// <summary>Positional order of the Input record: fields the caller must give first, then optional or defaulted ones.</summary>
    public static IReadOnlyList<PropertyModel> InputOrder(RecordModel input)
    {
        var properties = input.Properties;
        var ordered = new PropertyModel[properties.Count];
        var next = 0;
        for (var i = 0; i < properties.Count; i++)
        {
            if (IsMandatoryParameter(properties[i])) ordered[next++] = properties[i];
        }

        for (var i = 0; i < properties.Count; i++)
        {
            if (!IsMandatoryParameter(properties[i])) ordered[next++] = properties[i];
        }

        return ordered;
    }

    private static bool IsMandatoryParameter(PropertyModel property) => property.IsRequired && property.Default is null;

    private void EmitClass(IndentedWriter w)
    {
        RequestRoots();
        w.Line("/// <summary>Strict JSON readers and writers of this prompt's types and readers of its streamed partial records, for the members above (no reflection; trimming- and AOT-safe).</summary>");
        using (w.Block("internal static class JsonCodec"))
        {
            foreach (var enumModel in _model.Enums)
            {
                w.Begin($"internal static readonly {TypeNames.JsonEnumNames}<{_cls}.{enumModel.Name}> {enumModel.Name}Names = new(");
                var members = enumModel.Members;
                for (var m = 0; m < members.Count; m++) w.Append($"{(m == 0 ? string.Empty : ", ")}{CSharpLiterals.Quote(members[m].WireName)}");
                w.End(");");
            }

            // Emitting a method may request more (the records and collections it reads or writes).
            var first = _model.Enums.Count == 0;
            for (var i = 0; i < _pending.Count; i++)
            {
                if (!first) w.Line();
                first = false;
                var (isReader, type) = _pending[i];
                EmitCodecMethod(w, isReader, type);
            }

            for (var i = 0; i < _pendingTemplateJson.Count; i++)
            {
                if (!first) w.Line();
                first = false;
                EmitTemplateJsonWriter(w, _pendingTemplateJson[i]);
            }

            StreamEmitter.EmitReaders(w, _model);
        }
    }

    /// <summary>The name of a record's <c>JsonPropertyNames</c> table in the codec (the streamed readers share it).</summary>
    internal static string PropertyTable(string recordName) => recordName + "Properties";

    /// <summary>What the prompt's members call: Input and output readers, the output writer, the template's writers.</summary>
    private void RequestRoots()
    {
        if (_model.HasInputSchema) RequestMethod(true, TypeRef.Record("Input"));
        if (!_model.IsTextOutput)
        {
            ReaderDelegate(_model.OutputType, string.Empty);
            WriterDelegate(_model.OutputType, string.Empty);
        }

        foreach (var property in _model.Input.Properties)
        {
            if (property.Default is { Constant: null }) ReaderDelegate(property.Type.AsNonNullable(), string.Empty);
        }

        // The input writer serves the dynamic render and the call site (captured calls carry the input as JSON).
        if (_model.HasInputSchema) RequestMethod(false, TypeRef.Record("Input"));
        // The known types are only looked up when the render code calls codec methods at all.
        var renderCode = _model.RenderCode;
        var writes = Mentions(renderCode, WriterCall);
        var templateJson = Mentions(renderCode, TemplateJsonCall);
        if (!writes && !templateJson) return;
        var known = KnownTypes();
        if (writes)
        {
            foreach (Match match in RenderCodeCalls.Writers.Matches(renderCode))
            {
                if (known.TryGetValue(match.Groups[1].Value, out var type)) RequestMethod(false, type);
            }
        }

        if (templateJson)
        {
            foreach (Match match in RenderCodeCalls.TemplateJson.Matches(renderCode))
            {
                if (known.TryGetValue(match.Groups[1].Value, out var type)) RequestTemplateJson(type);
            }
        }
    }

    /// <summary>Every type reachable from the input and output, by codec key (for the template's writer calls).</summary>
    private Dictionary<string, TypeRef> KnownTypes()
    {
        var known = new Dictionary<string, TypeRef>();
        var pending = new Stack<TypeRef>();
        pending.Push(TypeRef.Record("Input"));
        if (!_model.IsTextOutput) pending.Push(_model.OutputType);
        foreach (var record in _model.Records) pending.Push(TypeRef.Record(record.Name));
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            var key = TypeNames.Key(type);
            if (known.ContainsKey(key)) continue;
            known[key] = type;
            if (type.IsNullable) pending.Push(type.AsNonNullable());
            else if (type.Element is not null) pending.Push(type.Element);
            else if (type.Kind == TypeKind.Record && FindRecord(type.Name!) is { } record)
            {
                foreach (var property in record.Properties) pending.Push(property.Type);
            }
        }

        return known;
    }

    private void RequestMethod(bool isReader, TypeRef type)
    {
        if (_requested.Add((isReader ? "Read" : "Write") + TypeNames.Key(type))) _pending.Add((isReader, type));
    }

    /// <summary>A <c>JsonValueReader&lt;T&gt;</c> for <paramref name="type"/>: a runtime reader, an enum table's, or a codec method.</summary>
    private string ReaderDelegate(TypeRef type, string codecPrefix)
    {
        if (IsCodecMethod(type)) RequestMethod(true, type);
        return DelegateName(type, codecPrefix, isReader: true);
    }

    /// <summary>A <c>JsonValueWriter&lt;T&gt;</c> for <paramref name="type"/>: a runtime writer, an enum table's, or a codec method.</summary>
    private string WriterDelegate(TypeRef type, string codecPrefix)
    {
        if (IsCodecMethod(type)) RequestMethod(false, type);
        return DelegateName(type, codecPrefix, isReader: false);
    }

    /// <summary>Whether the reader and writer of <paramref name="type"/> are methods of the codec (not the runtime's, nor an enum table's).</summary>
    private static bool IsCodecMethod(TypeRef type) => Primitive(type) is null && (type.Kind != TypeKind.Enum || type.IsNullable);

    /// <summary>The reader or writer delegate of <paramref name="type"/>: a runtime reader or writer, an enum table's, or a codec method.</summary>
    private static string DelegateName(TypeRef type, string codecPrefix, bool isReader)
    {
        if (Primitive(type) is { } primitive) return (isReader ? TypeNames.JsonRead : TypeNames.JsonWrite) + "." + primitive;
        if (type.Kind == TypeKind.Enum && !type.IsNullable) return codecPrefix + type.Name + (isReader ? "Names.Reader" : "Names.Writer");
        return codecPrefix + (isReader ? "Read" : "Write") + TypeNames.Key(type);
    }

    /// <summary>The runtime's name for a primitive (or its nullable form): <c>String</c>, <c>NullableInt64</c>, ...</summary>
    private static string? Primitive(TypeRef type) => type.Kind switch
    {
        // Constants, as these names are asked for at every property of every record.
        TypeKind.String => type.IsNullable ? "NullableString" : "String",
        TypeKind.Int64 => type.IsNullable ? "NullableInt64" : "Int64",
        TypeKind.Int32 => type.IsNullable ? "NullableInt32" : "Int32",
        TypeKind.Double => type.IsNullable ? "NullableDouble" : "Double",
        TypeKind.Boolean => type.IsNullable ? "NullableBoolean" : "Boolean",
        TypeKind.Json => type.IsNullable ? "NullableJson" : "Json",
        _ => null,
    };

    /// <summary>
    /// Writes, within the current line, a call that reads the value at <c>reader</c> into <c>v{index}</c> (or
    /// <c>value</c> for a negative index) and returns whether it fits.
    /// </summary>
    private void WriteReadCall(IndentedWriter w, TypeRef type, int index)
    {
        var target = index < 0 ? "value" : "v";
        var number = index < 0 ? string.Empty : IndexText(index);
        if (Primitive(type) is { } primitive)
        {
            w.Append($"{TypeNames.JsonRead}.{primitive}(ref reader, out {target}{number})");
            return;
        }

        // The core type's readers are asked for as the non-nullable type (TypeRef equality), so it is made only here.
        var core = type.AsNonNullable();
        switch (core.Kind)
        {
            case TypeKind.List:
                w.Append($"{TypeNames.JsonRead}.{(type.IsNullable ? "Nullable" : string.Empty)}List(ref reader, {ReaderDelegate(core.Element!, string.Empty)}, out {target}{number})");
                break;
            case TypeKind.Map:
                w.Append($"{TypeNames.JsonRead}.{(type.IsNullable ? "Nullable" : string.Empty)}Map(ref reader, {ReaderDelegate(core.Element!, string.Empty)}, out {target}{number})");
                break;
            case TypeKind.Enum when type.IsNullable:
                w.Append($"{TypeNames.JsonRead}.NullableValue(ref reader, {core.Name}Names.Reader, out {target}{number})");
                break;
            case TypeKind.Enum:
                w.Append($"{core.Name}Names.TryRead(ref reader, out {target}{number})");
                break;
            case var _ when type.IsNullable:
                w.Append($"{TypeNames.JsonRead}.NullableObject(ref reader, {ReaderDelegate(core, string.Empty)}, out {target}{number})");
                break;
            default:
                w.Append($"{ReaderDelegate(core, string.Empty)}(ref reader, out {target}{number})");
                break;
        }
    }

    /// <summary>Small indexes as constants: every record's reader and writer number their properties.</summary>
    private static string IndexText(int index) =>
        index < s_indexTexts.Length ? s_indexTexts[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] s_indexTexts = IndexTexts(32);

    private static string[] IndexTexts(int count)
    {
        var texts = new string[count];
        for (var i = 0; i < count; i++) texts[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return texts;
    }

    /// <summary>A statement that writes <paramref name="value"/> (no property name).</summary>
    private string WriteValue(TypeRef type, string value)
    {
        if (type.IsNullable)
        {
            var core = type.AsNonNullable();
            if (Primitive(type) is { } primitive) return $"{TypeNames.JsonWrite}.{primitive}(writer, {value});";
            var method = core.IsValueType ? "NullableValue" : "NullableObject";
            return $"{TypeNames.JsonWrite}.{method}(writer, {value}, {WriterDelegate(core, string.Empty)});";
        }

        if (Scalar(type, value) is { } scalar) return $"writer.Write{scalar.Method}Value({scalar.Argument});";
        switch (type.Kind)
        {
            case TypeKind.Json:
                return $"{value}.WriteTo(writer);";
            case TypeKind.List:
                return $"{TypeNames.JsonWrite}.List(writer, {value}, {WriterDelegate(type.Element!, string.Empty)});";
            case TypeKind.Map:
                return $"{TypeNames.JsonWrite}.Map(writer, {value}, {WriterDelegate(type.Element!, string.Empty)});";
            default:
                return $"{WriterDelegate(type, string.Empty)}(writer, {value});";
        }
    }

    /// <summary>
    /// Writes the statements that write one property (name and value) as their own lines, or after
    /// <paramref name="guard"/> (an <c>if</c>): strings, numbers, booleans and enums take one call on the guard's line,
    /// others a block under it.
    /// </summary>
    private void EmitWriteProperty(IndentedWriter w, string wireName, TypeRef type, string value, string? guard)
    {
        // A null string is written as JSON null by the same call; other nullable scalars need the runtime's nullable writer.
        if ((!type.IsNullable || type.Kind == TypeKind.String) && Scalar(type, value) is { } scalar)
        {
            if (guard is null) w.Line($"writer.Write{scalar.Method}({CSharpLiterals.Quote(wireName)}u8, {scalar.Argument});");
            else w.Begin($"{guard} ").Append($"writer.Write{scalar.Method}({CSharpLiterals.Quote(wireName)}u8, {scalar.Argument});").End();
            return;
        }

        if (guard is not null)
        {
            w.Line(guard);
            w.OpenBrace();
        }

        w.Line($"writer.WritePropertyName({CSharpLiterals.Quote(wireName)}u8);");
        w.Line(WriteValue(type, value));
        if (guard is not null) w.CloseBrace();
    }

    /// <summary>
    /// The <c>Utf8JsonWriter</c> method family (<c>String</c>, <c>Number</c>, <c>Boolean</c>) and its argument that write a
    /// scalar in one call, with or without a property name: enums as their wire names. Null for other kinds.
    /// </summary>
    private static (string Method, string Argument)? Scalar(TypeRef type, string value) => type.Kind switch
    {
        TypeKind.String => ("String", value),
        TypeKind.Int64 or TypeKind.Int32 or TypeKind.Double => ("Number", value),
        TypeKind.Boolean => ("Boolean", value),
        TypeKind.Enum => ("String", $"{type.Name}Names.NameOf((int){value})"),
        _ => null,
    };

    /// <summary>
    /// The reader or the writer of <paramref name="type"/>: one expression for all but records, whose methods read or
    /// write each property.
    /// </summary>
    private void EmitCodecMethod(IndentedWriter w, bool isReader, TypeRef type)
    {
        var typeName = TypeNames.Of(type, _cls);
        var header = isReader
            ? $"internal static bool Read{TypeNames.Key(type)}(ref {TypeNames.Utf8JsonReader} reader, out {typeName} value)"
            : $"internal static void Write{TypeNames.Key(type)}({TypeNames.Utf8JsonWriter} writer, {typeName} value)";
        if (type.Kind != TypeKind.Record || type.IsNullable)
        {
            w.Begin($"{header} => ");
            if (isReader) WriteReadCall(w, type, -1);
            else w.Append(WriteValue(type, "value").TrimEnd(';'));
            w.End(";");
        }
        else if (isReader)
        {
            EmitRecordReaderMethod(w, type, typeName, header);
        }
        else
        {
            EmitRecordWriterMethod(w, type, header);
        }
    }

    private void EmitRecordReaderMethod(IndentedWriter w, TypeRef type, string typeName, string header)
    {
        var record = FindRecord(type.Name!)!;
        var propertyTable = record.Properties.Count == 0 ? null : PropertyTable(record.Name);
        var tracked = propertyTable is not null && record.Properties.Count <= MaxTrackedProperties;
        if (propertyTable is not null)
        {
            w.Begin($"private static readonly {TypeNames.JsonPropertyNames} {propertyTable} = new(");
            // A table of at most 64 properties also knows which are required and checks them (JsonPropertyCursor).
            if (tracked) w.Append($"{CSharpLiterals.Quote(record.Name)}, {RequiredMask(record)}, ");
            WriteWireNames(w, record.Properties, requiredOnly: false);
            w.End(");");
        }

        using (w.Block(header))
        {
            if (tracked) EmitTrackedRecordReader(w, typeName, record, propertyTable!);
            else EmitRecordReader(w, typeName, record, propertyTable);
        }
    }

    /// <summary>Records with at most this many properties are read through a cursor that tracks the required ones.</summary>
    private const int MaxTrackedProperties = 64;

    private static bool IsRequiredProperty(PropertyModel property) => property.IsRequired && property.Default is null;

    private static bool HasRequired(EquatableArray<PropertyModel> properties)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (IsRequiredProperty(properties[i])) return true;
        }

        return false;
    }

    /// <summary>The table's required-property mask: bit <c>i</c> for a required property at index <c>i</c>.</summary>
    private static string RequiredMask(RecordModel record)
    {
        var mask = 0UL;
        for (var i = 0; i < record.Properties.Count; i++)
        {
            if (IsRequiredProperty(record.Properties[i])) mask |= 1UL << i;
        }

        return $"0x{mask:X}UL";
    }

    /// <summary>
    /// The body of a record's reader over a table that tracks required properties: the table starts the object, moves
    /// from property to property and says whether a required one is missing; the body reads the values.
    /// </summary>
    private void EmitTrackedRecordReader(IndentedWriter w, string typeName, RecordModel record, string propertyTable)
    {
        var properties = record.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            w.Line($"{TypeNames.Spell(properties[i].Type, _cls)} v{i} = {InitialValue(properties[i])};");
        }

        w.Line($"if (!{propertyTable}.Start(ref reader, out value, out var property)) return false;");
        w.Line($"while ({propertyTable}.Next(ref reader, ref property))");
        w.OpenBrace();
        for (var i = 0; i < properties.Count; i++)
        {
            var keyword = i == 0 ? "if" : "else if";
            w.Begin($"{keyword} (property.Index == {i}) {{ if (!");
            WriteReadCall(w, properties[i].Type, i);
            w.End(") return false; }");
        }

        w.CloseBrace();
        if (HasRequired(properties)) w.Line($"if (!{propertyTable}.Complete(ref reader, property)) return false;");
        EmitConstruction(w, typeName, record);
    }

    /// <summary>The body of a record's reader; <paramref name="propertyTable"/> is its property table (null without properties).</summary>
    private void EmitRecordReader(IndentedWriter w, string typeName, RecordModel record, string? propertyTable)
    {
        var properties = record.Properties;
        var required = properties.Where(IsRequiredProperty).ToList();
        var masked = required.Count <= MaxMaskedRequired;
        w.Line($"if (!{TypeNames.JsonRead}.StartObject(ref reader, out value)) return false;");
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            w.Line($"{TypeNames.Spell(property.Type, _cls)} v{i} = {InitialValue(property)};");
        }

        if (required.Count > 0)
        {
            w.Line(masked ? "ulong seen = 0;" : "var seen = new bool[" + required.Count + "];");
        }

        if (propertyTable is null)
        {
            w.Line($"while ({TypeNames.JsonRead}.NextProperty(ref reader)) reader.Skip();");
        }
        else
        {
            // The table matches the name and moves to the value (unknown properties are skipped there).
            w.Line($"for (var property = -1; {propertyTable}.Next(ref reader, ref property);)");
            w.OpenBrace();
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var index = required.IndexOf(property);
                var mark = index < 0 ? string.Empty : masked ? $" seen |= {Bit(index)};" : $" seen[{index}] = true;";
                var keyword = i == 0 ? "if" : "else if";
                w.Begin($"{keyword} (property == {i}) {{ if (!");
                WriteReadCall(w, property.Type, i);
                w.Append($") return false;{mark} }}").End();
            }

            w.CloseBrace();
        }
        if (required.Count > 0)
        {
            var condition = masked ? $"seen != {Mask(required.Count)}" : "global::System.Array.IndexOf(seen, false) >= 0";
            w.Begin($"if ({condition}) return {TypeNames.JsonRead}.MissingProperty(ref reader, seen, {CSharpLiterals.Quote(record.Name)}, ");
            WriteWireNames(w, properties, requiredOnly: true);
            w.End(");");
        }

        EmitConstruction(w, typeName, record);
    }

    /// <summary>The wire names of <paramref name="properties"/> (of the required ones only) as string literals, comma-separated, within the current line.</summary>
    private static void WriteWireNames(IndentedWriter w, EquatableArray<PropertyModel> properties, bool requiredOnly)
    {
        var first = true;
        for (var i = 0; i < properties.Count; i++)
        {
            if (requiredOnly && !IsRequiredProperty(properties[i])) continue;
            w.Append($"{(first ? string.Empty : ", ")}{CSharpLiterals.Quote(properties[i].WireName)}");
            first = false;
        }
    }

    /// <summary>The end of a record's reader: the record from its locals <c>v0</c>, <c>v1</c>, ..., then <c>return true</c>.</summary>
    private static void EmitConstruction(IndentedWriter w, string typeName, RecordModel record)
    {
        var properties = record.Properties;
        if (record.Name == "Input")
        {
            var ordered = InputOrder(record);
            w.Begin($"value = new {typeName}(");
            for (var i = 0; i < ordered.Count; i++) w.Append($"{(i == 0 ? string.Empty : ", ")}v{IndexOf(properties, ordered[i])}");
            w.End(");");
        }
        else if (properties.Count == 0)
        {
            w.Line($"value = new {typeName}();");
        }
        else
        {
            w.Begin($"value = new {typeName} {{ ");
            for (var i = 0; i < properties.Count; i++) w.Append($"{(i == 0 ? string.Empty : ", ")}{properties[i].PropertyName} = v{i}");
            w.End(" };");
        }

        w.Line("return true;");
    }

    /// <summary>What a property's local starts as: its default (absent means default, as in the run-time renderer), else empty.</summary>
    private string InitialValue(PropertyModel property)
    {
        if (property.Default is { } value) return value.Constant ?? DefaultField(property);
        return property.Type.IsNullable || property.Type.IsValueType ? "default" : "null!";
    }

    /// <summary>The static field holding a default that has no C# constant (see <see cref="PromptSourceEmitter"/>).</summary>
    public static string DefaultField(PropertyModel property) => "s_" + IdentifierNames.Unescape(property.ParameterName) + "Default";

    private void EmitRecordWriterMethod(IndentedWriter w, TypeRef type, string header)
    {
        using (w.Block(header))
        {
            w.Line("writer.WriteStartObject();");
            var properties = FindRecord(type.Name!)!.Properties;
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                var access = "value." + property.PropertyName;
                if (property.IsRequired || !property.Type.IsNullable)
                {
                    EmitWriteProperty(w, property.WireName, property.Type, access, guard: null);
                    continue;
                }

                // Optional and absent: leave the property out rather than writing null.
                var local = "p" + IndexText(i);
                EmitWriteProperty(w, property.WireName, property.Type.AsNonNullable(), local, guard: $"if ({access} is {{ }} {local})");
            }

            w.Line("writer.WriteEndObject();");
        }
    }

    private static string Bit(int index) => index == 0 ? "1" : $"1UL << {index}";

    private static string Mask(int count) => count == 64 ? "ulong.MaxValue" : $"0x{(1UL << count) - 1:X}UL";

    private static int IndexOf(EquatableArray<PropertyModel> properties, PropertyModel property)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (ReferenceEquals(properties[i], property)) return i;
        }

        return -1;
    }
    // ---- the json helper's writers (TemplateJsonWriter): what JSON.stringify prints for the typed value ---------------

    private void RequestTemplateJson(TypeRef type)
    {
        if (_requested.Add("TemplateJson" + TypeNames.Key(type))) _pendingTemplateJson.Add(type);
    }

    /// <summary>
    /// <c>TemplateJson{Key}(TemplateJsonWriter, T)</c> for a record, list or map: the same properties as the JSON writer
    /// above (absent optional properties left out, required nullable ones null), so the helper prints what it printed
    /// when the JSON was written, read back and stringified. Records with array-index-like keys never get here.
    /// </summary>
    private void EmitTemplateJsonWriter(IndentedWriter w, TypeRef type)
    {
        using (w.Block($"internal static void TemplateJson{TypeNames.Key(type)}({TypeNames.TemplateJsonWriter} writer, {TypeNames.Of(type, _cls)} value)"))
        {
            var locals = 0;
            switch (type.Kind)
            {
                case TypeKind.List:
                    w.Line("writer.StartArray();");
                    using (w.Block("for (var i = 0; i < value.Count; i++)"))
                    {
                        foreach (var line in TemplateJsonValue(type.Element!, "value[i]", ref locals)) w.Line(line);
                    }

                    w.Line("writer.EndArray();");
                    break;
                case TypeKind.Map:
                    // JavaScript's key order: array-index keys ascending first, as the helper printed the map before.
                    w.Line("writer.StartObject();");
                    using (w.Block($"foreach (var entry in {TypeNames.TypedTemplateRuntime}.Entries(value))"))
                    {
                        w.Line("writer.Name(entry.Key);");
                        foreach (var line in TemplateJsonValue(type.Element!, "entry.Value", ref locals)) w.Line(line);
                    }

                    w.Line("writer.EndObject();");
                    break;
                default:
                    w.Line("writer.StartObject();");
                    foreach (var property in FindRecord(type.Name!)!.Properties)
                    {
                        var access = "value." + property.PropertyName;
                        var name = $"writer.Name({CSharpLiterals.String(property.WireName)});";
                        if (property.IsRequired || !property.Type.IsNullable)
                        {
                            w.Line(name);
                            foreach (var line in TemplateJsonValue(property.Type, access, ref locals)) w.Line(line);
                            continue;
                        }

                        // Optional and absent: left out, as the JSON writer leaves it out.
                        var local = "p" + (++locals);
                        using (w.Block($"if ({access} is {{ }} {local})"))
                        {
                            w.Line(name);
                            foreach (var line in TemplateJsonValue(property.Type.AsNonNullable(), local, ref locals)) w.Line(line);
                        }
                    }

                    w.Line("writer.EndObject();");
                    break;
            }
        }
    }

    /// <summary>Statements that write <paramref name="value"/> of <paramref name="type"/> to the helper's writer.</summary>
    private IEnumerable<string> TemplateJsonValue(TypeRef type, string value, ref int locals)
    {
        if (type.IsNullable)
        {
            var local = "n" + (++locals);
            var inner = TemplateJsonValue(type.AsNonNullable(), local, ref locals).ToList();
            return new[] { $"if ({value} is {{ }} {local}) {{ {string.Join(" ", inner)} }}", "else writer.Null();" };
        }

        switch (type.Kind)
        {
            case TypeKind.String:
                return new[] { $"writer.String({value});" };
            case TypeKind.Int64:
            case TypeKind.Int32:
                return new[] { $"writer.Integer({value});" };
            case TypeKind.Double:
                return new[] { $"writer.Number({value});" };
            case TypeKind.Boolean:
                return new[] { $"writer.Boolean({value});" };
            case TypeKind.Json:
                return new[] { $"writer.Element({value});" };
            case TypeKind.Enum:
                return new[] { $"writer.String({type.Name}Names.NameOf((int){value}));" };
            default:
                RequestTemplateJson(type);
                return new[] { $"TemplateJson{TypeNames.Key(type)}(writer, {value});" };
        }
    }
}
