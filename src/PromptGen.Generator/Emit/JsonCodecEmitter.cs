using System.Collections.Generic;
using System.Linq;
using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Emits the nested <c>JsonCodec</c> class: strict <c>Utf8JsonReader</c> readers and <c>Utf8JsonWriter</c> writers for
/// every generated record, enum and composite type of a prompt. No JsonSerializer, no reflection: AOT- and trim-safe.
/// </summary>
internal static class JsonCodecEmitter
{
    public static void Emit(IndentedWriter w, PromptModel model)
    {
        var cls = TypeNames.QualifiedClass(model.Identity);
        var records = model.Records.Append(model.Input).ToDictionary(r => r.Name);
        var enums = model.Enums.ToDictionary(e => e.Name);
        var inputType = TypeRef.Record("Input");
        var types = CollectTypes(model, records);

        w.Line("/// <summary>Strict JSON reading and writing for this prompt's types (no reflection; trimming- and AOT-safe).</summary>");
        using (w.Block($"{model.Identity.Accessibility} static class JsonCodec"))
        {
            EmitEntryPoints(w, cls, inputType, "Input");
            if (!model.IsTextOutput)
            {
                w.Line();
                EmitEntryPoints(w, cls, model.OutputType, "Output");
            }

            foreach (var type in types)
            {
                w.Line();
                EmitReader(w, cls, type, records, enums);
                w.Line();
                EmitWriter(w, cls, type, records);
            }

            foreach (var enumModel in model.Enums)
            {
                w.Line();
                EmitWireNames(w, cls, enumModel);
            }

            w.Line();
            w.Line($"private static void Advance(ref {TypeNames.Utf8JsonReader} reader)");
            w.OpenBrace();
            w.Line($"if (!reader.Read()) throw new {TypeNames.JsonException}(\"The JSON ends early.\");");
            w.CloseBrace();
            w.Line();
            w.Line($"private static {TypeNames.JsonException} Unexpected(ref {TypeNames.Utf8JsonReader} reader, string expected) =>");
            w.Line($"    new {TypeNames.JsonException}(\"Expected \" + expected + \" but found \" + reader.TokenType + \" at byte \" + reader.TokenStartIndex + \".\");");
        }
    }

    private static void EmitEntryPoints(IndentedWriter w, string cls, TypeRef type, string label)
    {
        var typeName = TypeNames.Of(type, cls);
        var key = TypeNames.Key(type);
        w.Line($"/// <summary>Reads a whole JSON text as <c>{label}</c>; throws <see cref=\"{TypeNames.JsonException}\"/> when it does not fit.</summary>");
        w.Line($"public static {typeName} Read{label}Json(string json) => Read{label}Utf8Json(global::System.Text.Encoding.UTF8.GetBytes(json));");
        w.Line();
        w.Line($"/// <summary>Reads a whole UTF-8 JSON text as <c>{label}</c>; throws <see cref=\"{TypeNames.JsonException}\"/> when it does not fit.</summary>");
        w.Line($"public static {typeName} Read{label}Utf8Json(global::System.ReadOnlySpan<byte> utf8Json)");
        w.OpenBrace();
        w.Line($"var reader = new {TypeNames.Utf8JsonReader}(utf8Json);");
        w.Line("Advance(ref reader);");
        w.Line($"var value = Read{key}(ref reader);");
        w.Line($"if (reader.Read()) throw new {TypeNames.JsonException}(\"Unexpected text after the JSON value.\");");
        w.Line("return value;");
        w.CloseBrace();
        w.Line();
        w.Line($"/// <summary>Writes <c>{label}</c> as compact JSON with its wire names.</summary>");
        w.Line($"public static string Write{label}Json({typeName} value)");
        w.OpenBrace();
        w.Line("var buffer = new global::System.Buffers.ArrayBufferWriter<byte>();");
        w.Line($"using (var writer = new {TypeNames.Utf8JsonWriter}(buffer))");
        w.OpenBrace();
        w.Line($"Write{key}(writer, value);");
        w.CloseBrace();
        w.Line("return global::System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);");
        w.CloseBrace();
    }

    /// <summary>Every type reachable from the input and output, each once, in a stable order.</summary>
    private static List<TypeRef> CollectTypes(PromptModel model, Dictionary<string, RecordModel> records)
    {
        var result = new List<TypeRef>();
        var seen = new HashSet<string>();
        var pending = new Stack<TypeRef>();
        var roots = new List<TypeRef> { TypeRef.Record("Input") };
        if (!model.IsTextOutput) roots.Add(model.OutputType);
        roots.AddRange(model.Records.Select(r => TypeRef.Record(r.Name)));
        roots.AddRange(model.Enums.Select(e => TypeRef.Enum(e.Name)));
        foreach (var root in Enumerable.Reverse(roots)) pending.Push(root);
        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!seen.Add(TypeNames.Key(type))) continue;
            result.Add(type);
            var children = new List<TypeRef>();
            if (type.IsNullable) children.Add(type.AsNonNullable());
            else if (type.Element is not null) children.Add(type.Element);
            else if (type.Kind == TypeKind.Record && type.Name is not null && records.TryGetValue(type.Name, out var record))
            {
                foreach (var property in record.Properties)
                {
                    children.Add(property.Type);
                    children.Add(property.Type.AsNonNullable());
                }
            }

            for (var i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
        }

        return result;
    }

    private static void EmitReader(IndentedWriter w, string cls, TypeRef type, Dictionary<string, RecordModel> records, Dictionary<string, EnumModel> enums)
    {
        var typeName = TypeNames.Of(type, cls);
        var key = TypeNames.Key(type);
        var header = $"public static {typeName} Read{key}(ref {TypeNames.Utf8JsonReader} reader)";
        if (type.IsNullable)
        {
            w.Line(header + " =>");
            w.Line($"    reader.TokenType == {TypeNames.JsonTokenType}.Null ? null : Read{TypeNames.Key(type.AsNonNullable())}(ref reader);");
            return;
        }

        using var _ = w.Block(header);
        switch (type.Kind)
        {
            case TypeKind.String:
                Expect(w, "String", "a string");
                w.Line("return reader.GetString()!;");
                break;
            case TypeKind.Int64:
            case TypeKind.Int32:
                var clr = type.Kind == TypeKind.Int64 ? "Int64" : "Int32";
                Expect(w, "Number", "a number");
                w.Line($"if (!reader.TryGet{clr}(out var value)) throw Unexpected(ref reader, \"a whole number in range\");");
                w.Line("return value;");
                break;
            case TypeKind.Double:
                Expect(w, "Number", "a number");
                w.Line("return reader.GetDouble();");
                break;
            case TypeKind.Boolean:
                w.Line($"if (reader.TokenType == {TypeNames.JsonTokenType}.True) return true;");
                w.Line($"if (reader.TokenType == {TypeNames.JsonTokenType}.False) return false;");
                w.Line("throw Unexpected(ref reader, \"true or false\");");
                break;
            case TypeKind.Json:
                w.Line($"return {TypeNames.JsonElement}.ParseValue(ref reader);");
                break;
            case TypeKind.List:
                Expect(w, "StartArray", "an array");
                w.Line($"var list = new global::System.Collections.Generic.List<{TypeNames.Of(type.Element!, cls)}>();");
                w.Line("while (true)");
                w.OpenBrace();
                w.Line("Advance(ref reader);");
                w.Line($"if (reader.TokenType == {TypeNames.JsonTokenType}.EndArray) return list;");
                w.Line($"list.Add(Read{TypeNames.Key(type.Element!)}(ref reader));");
                w.CloseBrace();
                break;
            case TypeKind.Map:
                Expect(w, "StartObject", "an object");
                w.Line($"var map = new global::System.Collections.Generic.Dictionary<string, {TypeNames.Of(type.Element!, cls)}>(global::System.StringComparer.Ordinal);");
                w.Line("while (true)");
                w.OpenBrace();
                w.Line("Advance(ref reader);");
                w.Line($"if (reader.TokenType == {TypeNames.JsonTokenType}.EndObject) return map;");
                w.Line("var name = reader.GetString()!;");
                w.Line("Advance(ref reader);");
                w.Line($"map[name] = Read{TypeNames.Key(type.Element!)}(ref reader);");
                w.CloseBrace();
                break;
            case TypeKind.Enum:
                var enumModel = enums[type.Name!];
                Expect(w, "String", "a string");
                w.Line("var text = reader.GetString();");
                w.Line("return text switch");
                w.OpenBrace();
                foreach (var member in enumModel.Members)
                {
                    w.Line($"{CSharpLiterals.String(member.WireName)} => {typeName}.{member.MemberName},");
                }

                w.Line($"_ => throw new {TypeNames.JsonException}(\"'\" + text + \"' is not a value of {type.Name}.\"),");
                w.CloseBrace(";");
                break;
            default:
                EmitRecordReader(w, cls, typeName, records[type.Name!]);
                break;
        }
    }

    private static void EmitRecordReader(IndentedWriter w, string cls, string typeName, RecordModel record)
    {
        Expect(w, "StartObject", "an object");
        var properties = record.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var localType = TypeNames.Of(property.Type, cls);
            var initial = property.Type.IsNullable || property.Type.IsValueType ? "default" : "default!";
            w.Line($"{localType} v{i} = {initial};");
            if (property.IsRequired) w.Line($"var seen{i} = false;");
        }

        w.Line("while (true)");
        w.OpenBrace();
        w.Line("Advance(ref reader);");
        w.Line($"if (reader.TokenType == {TypeNames.JsonTokenType}.EndObject) break;");
        w.Line("var name = reader.GetString();");
        w.Line("Advance(ref reader);");
        w.Line("switch (name)");
        w.OpenBrace();
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var seen = property.IsRequired ? $" seen{i} = true;" : string.Empty;
            w.Line($"case {CSharpLiterals.String(property.WireName)}: v{i} = Read{TypeNames.Key(property.Type)}(ref reader);{seen} break;");
        }

        w.Line("default: reader.Skip(); break;");
        w.CloseBrace();
        w.CloseBrace();
        for (var i = 0; i < properties.Count; i++)
        {
            if (!properties[i].IsRequired) continue;
            w.Line($"if (!seen{i}) throw new {TypeNames.JsonException}({CSharpLiterals.String($"The required property '{properties[i].WireName}' of {record.Name} is missing.")});");
        }

        if (record.Name == "Input")
        {
            var ordered = InputOrder(record).Select(p => "v" + IndexOf(properties, p));
            w.Line($"return new {typeName}({string.Join(", ", ordered)});");
            return;
        }

        if (properties.Count == 0)
        {
            w.Line($"return new {typeName}();");
            return;
        }

        w.Line($"return new {typeName}");
        w.OpenBrace();
        for (var i = 0; i < properties.Count; i++) w.Line($"{properties[i].PropertyName} = v{i},");
        w.CloseBrace(";");
    }

    private static void EmitWriter(IndentedWriter w, string cls, TypeRef type, Dictionary<string, RecordModel> records)
    {
        var typeName = TypeNames.Of(type, cls);
        using var _ = w.Block($"public static void Write{TypeNames.Key(type)}({TypeNames.Utf8JsonWriter} writer, {typeName} value)");
        if (type.IsNullable)
        {
            var inner = type.AsNonNullable();
            w.Line($"if (value is null) writer.WriteNullValue();");
            w.Line($"else Write{TypeNames.Key(inner)}(writer, value{(inner.IsValueType ? ".Value" : string.Empty)});");
            return;
        }

        switch (type.Kind)
        {
            case TypeKind.String:
                w.Line("writer.WriteStringValue(value);");
                break;
            case TypeKind.Int64:
            case TypeKind.Int32:
            case TypeKind.Double:
                w.Line("writer.WriteNumberValue(value);");
                break;
            case TypeKind.Boolean:
                w.Line("writer.WriteBooleanValue(value);");
                break;
            case TypeKind.Json:
                w.Line("value.WriteTo(writer);");
                break;
            case TypeKind.List:
                w.Line("writer.WriteStartArray();");
                w.Line($"foreach (var item in value) Write{TypeNames.Key(type.Element!)}(writer, item);");
                w.Line("writer.WriteEndArray();");
                break;
            case TypeKind.Map:
                w.Line("writer.WriteStartObject();");
                w.Line("foreach (var entry in value)");
                w.OpenBrace();
                w.Line("writer.WritePropertyName(entry.Key);");
                w.Line($"Write{TypeNames.Key(type.Element!)}(writer, entry.Value);");
                w.CloseBrace();
                w.Line("writer.WriteEndObject();");
                break;
            case TypeKind.Enum:
                w.Line("writer.WriteStringValue(ToWireName(value));");
                break;
            default:
                w.Line("writer.WriteStartObject();");
                foreach (var property in records[type.Name!].Properties)
                {
                    var access = "value." + property.PropertyName;
                    var name = $"writer.WritePropertyName({CSharpLiterals.String(property.WireName)});";
                    if (!property.IsRequired && property.Type.IsNullable)
                    {
                        // Optional and absent: leave the property out rather than writing null.
                        var inner = property.Type.AsNonNullable();
                        w.Line($"if ({access} is not null)");
                        w.OpenBrace();
                        w.Line(name);
                        w.Line($"Write{TypeNames.Key(inner)}(writer, {access}{(inner.IsValueType ? ".Value" : string.Empty)});");
                        w.CloseBrace();
                    }
                    else
                    {
                        w.Line(name);
                        w.Line($"Write{TypeNames.Key(property.Type)}(writer, {access});");
                    }
                }

                w.Line("writer.WriteEndObject();");
                break;
        }
    }

    private static void EmitWireNames(IndentedWriter w, string cls, EnumModel enumModel)
    {
        var typeName = cls + "." + enumModel.Name;
        w.Line($"/// <summary>The JSON value of a <see cref=\"{typeName}\"/> member.</summary>");
        w.Line($"public static string ToWireName({typeName} value) => value switch");
        w.OpenBrace();
        foreach (var member in enumModel.Members)
        {
            w.Line($"{typeName}.{member.MemberName} => {CSharpLiterals.String(member.WireName)},");
        }

        w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(value)),");
        w.CloseBrace(";");
    }

    private static void Expect(IndentedWriter w, string token, string description) =>
        w.Line($"if (reader.TokenType != {TypeNames.JsonTokenType}.{token}) throw Unexpected(ref reader, \"{description}\");");

    /// <summary>Positional order of the Input record: required parameters first, then optional ones (which have defaults).</summary>
    public static IEnumerable<PropertyModel> InputOrder(RecordModel input) =>
        input.Properties.Where(p => p.IsRequired).Concat(input.Properties.Where(p => !p.IsRequired));

    private static int IndexOf(EquatableArray<PropertyModel> properties, PropertyModel property)
    {
        for (var i = 0; i < properties.Count; i++)
        {
            if (ReferenceEquals(properties[i], property)) return i;
        }

        return -1;
    }
}
