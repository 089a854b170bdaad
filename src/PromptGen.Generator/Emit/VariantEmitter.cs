using PromptGen.Generator.Models;
using PromptGen.Language.Naming;

namespace PromptGen.Generator.Emit;

/// <summary>
/// The generated code of prompt variants. A variant file becomes a nested class of its base's class (its own render
/// and chat options over the base's types, which are the same since the schemas are); the base gets the
/// <c>Variant</c> enum and the overloads that take one (<c>Render</c>, <c>CreateOptions</c>, <c>RunAsync</c>), and its
/// plain <c>RunAsync</c> honours <c>PromptRunOptions.Variant</c>.
/// </summary>
internal static class VariantEmitter
{
    private const string EnumName = "Variant";
    private const string BaseMember = "Base";

    /// <summary>The enum member of a variant name (<c>concise</c> → <c>Concise</c>).</summary>
    public static string MemberName(string variant) => IdentifierNames.Escape(IdentifierNames.ToPascalCase(variant));

    /// <summary>The nested class a variant generates into (<c>ConciseVariant</c>).</summary>
    public static string NestedClass(string variant) => IdentifierNames.ToPascalCase(variant) + "Variant";

    /// <summary>The catalog descriptor class: <c>Descriptor</c> for a prompt, <c>ConciseVariantDescriptor</c> for a variant.</summary>
    public static string DescriptorClass(string? variant) => variant is null ? "Descriptor" : NestedClass(variant) + "Descriptor";

    /// <summary>The extra argument that selects a variant (<c>, global::Ns.ClassifyPrompt.Variant.Concise</c>), or nothing.</summary>
    public static string VariantArgument(string qualifiedClass, string? variant) =>
        variant is null ? string.Empty : $", {qualifiedClass}.{EnumName}.{MemberName(variant)}";

    public static string HintName(PromptModel model)
    {
        var baseHint = model.Identity.HintName;
        return baseHint.Substring(0, baseHint.Length - ".g.cs".Length) + "." + NestedClass(model.VariantName!) + ".g.cs";
    }

    /// <summary>The source file of a variant: its render members and options, nested in the base prompt's class.</summary>
    public static string EmitVariant(PromptModel model)
    {
        var identity = model.Identity;
        var w = GeneratedFile.Start(
            $" from {GeneratedFile.FileName(identity.Path)}, a variant of the {identity.PromptName} prompt. Edit the .prompt file, not this file.",
            GeneratedFile.UndocumentedMembers);
        GeneratedFile.FileScopedNamespace(w, identity.Namespace);

        using (w.Block($"static partial class {identity.ClassName}"))
        {
            w.Line($"/// <summary>The <c>{XmlDoc.Escape(model.VariantName!)}</c> variant ({XmlDoc.Escape(GeneratedFile.FileName(identity.Path))}): its template and chat options.</summary>");
            using (w.Block($"private static class {NestedClass(model.VariantName!)}"))
            {
                RuntimeSeamEmitter.EmitRenderMembers(w, model);
                w.Line();
                PromptSourceEmitter.EmitCreateOptions(w, model);
            }
        }

        return w.ToStringAndFree();
    }

    /// <summary>The base prompt's variant members; nothing when it has no variants.</summary>
    public static void EmitBaseMembers(IndentedWriter w, PromptModel model)
    {
        if (model.Variants.IsEmpty) return;
        var variants = model.Variants;

        w.Line();
        w.Line($"/// <summary>The variants of this prompt: <c>{BaseMember}</c> is the base file, each other member a <c>name.variant.prompt</c> file beside it.</summary>");
        using (w.Block($"public enum {EnumName}"))
        {
            w.Line($"/// <summary>The base prompt ({XmlDoc.Escape(GeneratedFile.FileName(model.Identity.Path))}).</summary>");
            w.Line($"{BaseMember},");
            foreach (var variant in variants)
            {
                w.Line($"/// <summary>The <c>{XmlDoc.Escape(variant)}</c> variant.</summary>");
                w.Line($"{MemberName(variant)},");
            }
        }

        w.Line();
        w.Line("/// <summary>The names of this prompt's variants (as in their file names), in ordinal order; the base prompt has none.</summary>");
        w.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> VariantNames {{ get; }} = new string[] {{ {string.Join(", ", variants.Select(CSharpLiterals.String))} }};");
        w.Line();
        w.Line("/// <summary>The name of <paramref name=\"variant\"/> as in its file name; <c>null</c> for the base prompt.</summary>");
        w.Line($"public static string? VariantName({EnumName} variant) => variant switch");
        w.OpenBrace();
        foreach (var variant in variants) w.Line($"{EnumName}.{MemberName(variant)} => {CSharpLiterals.Quote(variant)},");
        w.Line("_ => null,");
        w.CloseBrace(";");
        w.Line();
        w.Line("/// <summary>The variant named <paramref name=\"name\"/> (exactly, as in its file name); <c>null</c> or empty is the base prompt.</summary>");
        using (w.Block($"public static bool TryParseVariant(string? name, out {EnumName} variant)"))
        {
            using (w.Block("switch (name)"))
            {
                w.Line("case null:");
                w.Line("case \"\":");
                w.Line($"    variant = {EnumName}.{BaseMember};");
                w.Line("    return true;");
                foreach (var variant in variants)
                {
                    w.Line($"case {CSharpLiterals.Quote(variant)}:");
                    w.Line($"    variant = {EnumName}.{MemberName(variant)};");
                    w.Line("    return true;");
                }

                w.Line("default:");
                w.Line($"    variant = {EnumName}.{BaseMember};");
                w.Line("    return false;");
            }
        }

        w.Line();
        w.Line($"private static {EnumName} VariantOf({TypeNames.PromptRunOptions}? options) =>");
        w.Line($"    TryParseVariant(options?.Variant, out var variant) ? variant : throw {TypeNames.PromptVariantRunner}.UnknownVariant(PromptName, options!.Variant!, VariantNames);");

        w.Line();
        w.Line("/// <summary>Renders <paramref name=\"variant\"/> of the prompt for <paramref name=\"input\"/>.</summary>");
        EmitSwitch(w, $"public static {TypeNames.ChatMessages} Render(Input input, {EnumName} variant, {TypeNames.PromptRenderOptions}? options = null)", variants, v => $"{NestedClass(v)}.Render(input, options)", "Render(input, options)");
        w.Line();
        w.Line("/// <summary>Renders <paramref name=\"variant\"/> of the prompt for an input given as JSON.</summary>");
        if (model.HasInputSchema) w.Line($"/// <exception cref=\"{TypeNames.JsonException}\"><paramref name=\"input\"/> is not an <see cref=\"Input\"/>; the message says where.</exception>");
        EmitSwitch(w, $"public static {TypeNames.ChatMessages} Render({TypeNames.JsonElement} input, {EnumName} variant, {TypeNames.PromptRenderOptions}? options = null)", variants, v => $"{NestedClass(v)}.Render(input, options)", "Render(input, options)");
        w.Line();
        w.Line("/// <summary>Chat options from the frontmatter of <paramref name=\"variant\"/>: model, config and response format.</summary>");
        EmitSwitch(w, $"public static {TypeNames.ChatOptions} CreateOptions({EnumName} variant)", variants, v => $"{NestedClass(v)}.CreateOptions()", "CreateOptions()");
        w.Line();
        w.Line("/// <summary>Runs <paramref name=\"variant\"/> of the prompt: renders it, calls the model and parses its answer; the result names the variant.</summary>");
        w.Line("/// <param name=\"options\">Chat options, render data and answer handling for this call; its <c>Variant</c> is not read.</param>");
        RuntimeSeamEmitter.EmitRunAsyncOverload(w, model, "public", new[] { $"{EnumName} variant" },
            RuntimeSeamEmitter.RunnerCall(model, $"{RuntimeSeamEmitter.CallSiteField}.ForVariant(VariantName(variant))", "(i, o) => Render(i, variant, o)", "CreateOptions(variant)"));
    }

    /// <summary>The plain <c>RunAsync</c> body of a prompt with variants: the variant named in the options.</summary>
    public static string RunFromOptions => "RunAsync(client, input, VariantOf(options), options, cancellationToken);";

    private static void EmitSwitch(IndentedWriter w, string signature, EquatableArray<string> variants, System.Func<string, string> call, string baseCall)
    {
        w.Line($"{signature} => variant switch");
        w.OpenBrace();
        foreach (var variant in variants) w.Line($"{EnumName}.{MemberName(variant)} => {call(variant)},");
        w.Line($"_ => {baseCall},");
        w.CloseBrace(";");
    }
}
