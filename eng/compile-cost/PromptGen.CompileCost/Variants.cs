using System.Text.RegularExpressions;

/// <summary>
/// The rewrites of generated code that each remove or change one construct, by name: text in, text out, per file. They
/// match the emitters' output as it is written (indentation and line breaks included); a rewrite that no longer matches
/// leaves the file as it is, which shows as a change of zero.
/// </summary>
internal static class Variants
{
    private const string Catalog = "PromptGenCatalog.g.cs";

    private static readonly Regex s_recordReader = new(
        @"(internal static readonly global::PromptGen\.Streaming\.PartialRecordReader<(\w+)> (\w+)) = new\((.*?), static \(r, field, n\) => field switch\n        \{\n(.*?)\n        \}\);",
        RegexOptions.Singleline);

    private static readonly Regex s_valueReader = new(
        @"(internal static readonly global::PromptGen\.Streaming\.PartialValueReader<\w+> \w+) = new\(static node =>\n.*?\);\n");

    public static readonly IReadOnlyDictionary<string, Func<string, string, string>> All = new Dictionary<string, Func<string, string, string>>
    {
        // Nullable flow analysis back on in generated code (what "#nullable disable warnings" saves).
        ["nullable-warnings-on"] = (_, t) => t.Replace("#nullable disable warnings", "#nullable enable warnings", StringComparison.Ordinal),
        // No nullable context at all: annotations off too (not an option: the public signatures lose their nullability).
        ["nullable-off"] = (_, t) => Regex.Replace(t, @"#nullable enable( annotations)?\n(#nullable disable warnings\n)?", "#nullable disable\n"),
        ["no-global-prefix"] = (_, t) => t.Replace("global::", string.Empty, StringComparison.Ordinal),
        ["no-partial-readers"] = PromptFiles(t => s_valueReader.Replace(s_recordReader.Replace(t, "$1 = null!;"), "$1 = null!;\n")),
        ["partial-readers-as-methods"] = PromptFiles(ReadersAsMethods),
        ["no-codec-readers"] = PromptFiles(t => Regex.Replace(t, @"(        internal static bool Read\w+\([^\n]*\))\n        \{\n.*?\n        \}\n", "$1 => throw null!;\n", RegexOptions.Singleline)),
        ["no-codec-writers"] = PromptFiles(t => Regex.Replace(t, @"(        internal static void Write\w+\([^\n]*\))\n        \{\n.*?\n        \}\n", "$1 => throw null!;\n", RegexOptions.Singleline)),
        ["writer-helpers"] = PromptFiles(t => t
            .Replace("writer.WriteString(", "global::WriterHelpers.String(writer, ", StringComparison.Ordinal)
            .Replace("writer.WriteNumber(", "global::WriterHelpers.Number(writer, ", StringComparison.Ordinal)
            .Replace("writer.WriteBoolean(", "global::WriterHelpers.Boolean(writer, ", StringComparison.Ordinal)
            .Replace("writer.WritePropertyName(", "global::WriterHelpers.Name(writer, ", StringComparison.Ordinal)),
        // Records without a primary constructor as classes (partial records must stay records: their base is one).
        ["records-as-classes"] = PromptFiles(t => Regex.Replace(t, @"public sealed partial record (?!Partial)(\w+)\n", "public sealed partial class $1\n")),
        ["partial-properties-auto"] = PromptFiles(t => Regex.Replace(t, @"\{ get => global::PromptGen\.Streaming\.PartialSource\..*?; init => .*?; \}", "{ get; init; }")),
        ["no-extension-methods"] = PromptFiles(t => Regex.Replace(t, @"\npublic static partial class PromptChatClientExtensions\n\{\n.*?\n\}\n", "\n", RegexOptions.Singleline)),
        ["no-enum-extensions"] = PromptFiles(t => Regex.Replace(t, @"\npublic static partial class PromptEnumExtensions\n\{\n.*?\n\}\n", "\n", RegexOptions.Singleline)),
        ["no-catalog-descriptors"] = (file, t) => file != Catalog ? t : Regex.Replace(
            Regex.Replace(t, @"\n    public static partial class \w+Prompt\n    \{\n.*?\n    \}\n", "\n", RegexOptions.Singleline),
            @"^ *global::[\w.]+\.CreateDescriptor\(\),\n", string.Empty, RegexOptions.Multiline),
        ["no-doc-comments"] = (_, t) => Regex.Replace(Regex.Replace(t, @"^ *///.*\n", string.Empty, RegexOptions.Multiline), @"/\*\*.*?\*/ ", string.Empty),
    };

    /// <summary>Files a variant adds to the compilation.</summary>
    public static IEnumerable<(string File, string Text)> ExtraFiles(string variant)
    {
        if (variant != "writer-helpers") yield break;
        yield return ("WriterHelpers.cs", """
            public static class WriterHelpers
            {
                public static void String(System.Text.Json.Utf8JsonWriter w, System.ReadOnlySpan<byte> name, string? value) => w.WriteString(name, value);
                public static void Number(System.Text.Json.Utf8JsonWriter w, System.ReadOnlySpan<byte> name, double value) => w.WriteNumber(name, value);
                public static void Boolean(System.Text.Json.Utf8JsonWriter w, System.ReadOnlySpan<byte> name, bool value) => w.WriteBoolean(name, value);
                public static void Name(System.Text.Json.Utf8JsonWriter w, System.ReadOnlySpan<byte> name) => w.WritePropertyName(name);
            }
            """);
    }

    private static Func<string, string, string> PromptFiles(Func<string, string> rewrite) => (file, t) => file == Catalog ? t : rewrite(t);

    /// <summary>Each partial record reader's lambda as a static method with a switch statement, passed as a method group.</summary>
    private static string ReadersAsMethods(string text) => s_recordReader.Replace(text, m =>
    {
        var (declaration, type, name, table) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value);
        var method = "Read" + name[..^"Reader".Length];
        var arms = m.Groups[5].Value.Split('\n').Select(line =>
        {
            var arm = Regex.Match(line, @"^\s*(\d+|_) => (.*),$");
            var (key, expression) = (arm.Groups[1].Value, arm.Groups[2].Value);
            var label = key == "_" ? "default:" : $"case {key}:";
            var changed = Regex.Match(expression, @"^(.*) is var v && (.*) \? (r with \{.*\}) : r$");
            return changed.Success
                ? $"                {label} {{ var v = {changed.Groups[1].Value}; return {changed.Groups[2].Value} ? {changed.Groups[3].Value} : r; }}"
                : $"                {label} return {expression};";
        });
        return $"{declaration} = new({table}, {method});\n\n" +
            $"        private static {type} {method}({type} r, int field, global::PromptGen.Streaming.StreamingNode? n)\n" +
            "        {\n            switch (field)\n            {\n" + string.Join("\n", arms) + "\n            }\n        }";
    });
}
