using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Writes <c>PromptGenCatalog.g.cs</c>: a <c>CreateDescriptor()</c> in every prompt class (its <c>IPromptDescriptor</c>,
/// the untyped door eval runners use to call the exact generated Render and TryParse), the internal
/// <c>PromptGenCatalog</c> class listing them, and the assembly attribute that names it. It also declares, once per
/// namespace, the classes every prompt file of that namespace adds to (<c>PromptChatClientExtensions</c>,
/// <c>PromptEnumExtensions</c>) with their documentation and <c>[GeneratedCode]</c>: on a partial class these may be
/// given once, and prompt files that each repeated them made the XML documentation repeat as well.
/// </summary>
internal static class PromptCatalogEmitter
{
    public const string CatalogClassName = "PromptGenCatalog";

    public static string Emit(CatalogModel catalog)
    {
        var catalogClass = (catalog.RootNamespace.Length == 0 ? string.Empty : catalog.RootNamespace + ".") + CatalogClassName;
        var w = GeneratedFile.Start(": the untyped descriptors of this project's prompts, for eval runners and tools.", GeneratedFile.UndocumentedMembers);
        w.Line($"[assembly: {TypeNames.PromptCatalog}(typeof(global::{catalogClass}))]");

        foreach (var group in catalog.Prompts.GroupBy(p => p.Namespace).OrderBy(g => g.Key, System.StringComparer.Ordinal))
        {
            w.Line();
            if (group.Key.Length > 0)
            {
                using (w.Block($"namespace {group.Key}"))
                {
                    EmitSharedClasses(w, group);
                    EmitDescriptors(w, group);
                }
            }
            else
            {
                EmitSharedClasses(w, group);
                EmitDescriptors(w, group);
            }
        }

        w.Line();
        if (catalog.RootNamespace.Length > 0)
        {
            using (w.Block($"namespace {catalog.RootNamespace}"))
            {
                EmitCatalogClass(w, catalog);
            }
        }
        else
        {
            EmitCatalogClass(w, catalog);
        }

        return w.ToStringAndFree();
    }

    /// <summary>The documented declarations of the classes the namespace's prompt files extend.</summary>
    private static void EmitSharedClasses(IndentedWriter w, System.Collections.Generic.IEnumerable<DescriptorModel> prompts)
    {
        w.Line($"/// <summary>Typed prompt calls on <see cref=\"{TypeNames.IChatClient}\"/>.</summary>");
        w.Line(PromptSourceEmitter.GeneratedCodeAttribute);
        using (w.Block($"public static partial class {PromptSourceEmitter.ExtensionsClass}"))
        {
        }

        w.Line();
        if (!prompts.Any(p => p.HasEnums)) return;
        w.Line("/// <summary>The JSON (wire) names of the members of generated prompt enums.</summary>");
        w.Line(PromptSourceEmitter.GeneratedCodeAttribute);
        using (w.Block($"public static partial class {PromptSourceEmitter.EnumExtensionsClass}"))
        {
        }

        w.Line();
    }

    private static void EmitDescriptors(IndentedWriter w, System.Collections.Generic.IEnumerable<DescriptorModel> prompts)
    {
        var first = true;
        foreach (var prompt in prompts)
        {
            if (!first) w.Line();
            first = false;
            using (w.Block($"{prompt.Accessibility} static partial class {prompt.ClassName}"))
            {
                EmitDescriptor(w, prompt);
            }
        }
    }

    /// <summary>
    /// <c>CreateDescriptor()</c>: the runtime's <c>PromptDescriptor</c> over the prompt's generated members. Lambdas
    /// rather than method groups where a member reads the prompt's static state, so that creating the catalog does not
    /// initialize every prompt class (a method group over <c>s_outputParser</c> would read the field right away).
    /// </summary>
    private static void EmitDescriptor(IndentedWriter w, DescriptorModel prompt)
    {
        var cls = prompt.QualifiedClass;
        var variantArgument = VariantEmitter.VariantArgument(cls, prompt.VariantName);
        w.Line($"/// <summary>This prompt seen through <see cref=\"{TypeNames.IPromptDescriptor}\"/>: its exact generated render, options and parser, with JSON in and out.</summary>");
        w.Line($"internal static {TypeNames.IPromptDescriptor} {DescriptorFactory(prompt.VariantName)}() => new {TypeNames.PromptDescriptor}(");
        w.Line("    PromptName,");
        w.Line($"    {CSharpLiterals.Quote(prompt.SourcePath)},");
        w.Line(prompt.IsTextOutput ? "    null," : "    OutputJsonSchema,");
        w.Line($"    static input => Render(input{variantArgument}),");
        w.Line(variantArgument.Length == 0 ? "    CreateOptions," : $"    static () => CreateOptions({variantArgument.TrimStart(',', ' ')}),");
        w.Line($"    {RuntimeSeamEmitter.ParseToJsonDelegate(prompt.IsTextOutput)});");
    }

    /// <summary>The method that creates a prompt's descriptor: <c>CreateDescriptor</c>, <c>CreateConciseVariantDescriptor</c>.</summary>
    private static string DescriptorFactory(string? variant) => "Create" + VariantEmitter.DescriptorClass(variant);

    private static void EmitCatalogClass(IndentedWriter w, CatalogModel catalog)
    {
        w.Line($"/// <summary>Every prompt of this assembly, through <see cref=\"{TypeNames.IPromptDescriptor}\"/>, sorted by source path.</summary>");
        w.Line(PromptSourceEmitter.GeneratedCodeAttribute);
        using (w.Block($"internal static class {CatalogClassName}"))
        {
            w.Line($"private static readonly {TypeNames.IPromptDescriptor}[] s_prompts =");
            w.Line("{");
            foreach (var prompt in catalog.Prompts) w.Line($"    {prompt.QualifiedClass}.{DescriptorFactory(prompt.VariantName)}(),");
            w.Line("};");
            w.Line();
            w.Line($"public static global::System.Collections.Generic.IReadOnlyList<{TypeNames.IPromptDescriptor}> Prompts => s_prompts;");
        }
    }
}
