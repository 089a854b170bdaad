using PromptGen.Generator.Models;
using PromptGen.Language.Naming;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Emits what PromptGen.Hosting needs (only for compilations that reference it): a typed <c>Client</c> nested in each
/// prompt class, whose <c>RunAsync</c> and <c>StreamAsync</c> take the extension methods' parameters and applies the configured options, and
/// the <c>Add{Assembly}Prompts()</c> method that registers every prompt and client of the assembly.
/// </summary>
internal static class HostingEmitter
{

    private const string ClientClass = "Client";

    /// <summary>
    /// Prompts whose instance tools need an object per call get no client (a client has no such parameter yet), nor do
    /// prompts whose schema already generates a type named <c>Client</c> in the class.
    /// </summary>
    public static bool HasClient(PromptModel model) =>
        !ToolEmitter.NeedsTargets(model)
        && !model.Records.Any(r => r.Name == ClientClass)
        && !model.Enums.Any(e => e.Name == ClientClass);

    public static string EmitClient(PromptModel model)
    {
        var identity = model.Identity;
        var cls = "global::" + identity.FullClassName;
        var outputType = TypeNames.Of(model.OutputType, cls);
        var parameters = JsonCodecEmitter.InputOrder(model.Input);
        var w = GeneratedFile.Start($": the typed client of the {identity.PromptName} prompt, for dependency injection (PromptGen.Hosting).");
        using (identity.Namespace.Length == 0 ? null : w.Block($"namespace {identity.Namespace}"))
        using (w.Block($"{identity.Accessibility} static partial class {identity.ClassName}"))
        {
            w.Line($"/// <summary>The <c>{XmlDoc.Escape(identity.PromptName)}</c> prompt as a service: ask for it in a constructor or an endpoint; it calls the configured chat client with the configured options (<c>PromptGen:Prompts:{XmlDoc.Escape(identity.PromptName)}</c>).</summary>");
            w.Line(PromptSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"public sealed class {ClientClass}"))
            {
                w.Line("private readonly " + TypeNames.PromptBinding + " _binding;");
                w.Line();
                w.Line("/// <summary>A client that calls the prompt through <paramref name=\"binding\"/> (dependency injection builds it from configuration).</summary>");
                using (w.Block($"public Client({TypeNames.PromptBinding} binding)"))
                {
                    w.Line("_binding = binding ?? throw new global::System.ArgumentNullException(nameof(binding));");
                }

                w.Line();
                w.Line("/// <summary>The chat client and the configured options this client calls the prompt with.</summary>");
                w.Line($"public {TypeNames.PromptBinding} Binding => _binding;");
                w.Line();
                EmitClientMethod(w, cls, parameters, TypeNames.Task(TypeNames.PromptResult(outputType)), "RunAsync",
                    "Renders the prompt, calls the model and parses its answer");
                w.Line();
                EmitClientMethod(w, cls, parameters, $"{TypeNames.PromptStream}<{StreamEmitter.PartialType(model)}, {outputType}>", "StreamAsync",
                    "Renders the prompt and streams the answer (partial values, then the typed result from <c>GetResultAsync()</c>)");
            }
        }

        return w.ToStringAndFree();
    }

    /// <summary>
    /// A client method that takes the extension method's parameters and calls the prompt class's method of the same
    /// name through the binding, with the configured options applied.
    /// </summary>
    private static void EmitClientMethod(IndentedWriter w, string cls, IReadOnlyList<PropertyModel> parameters, string returnType, string method, string summary)
    {
        w.Line($"/// <summary>{summary}, with the configured options under <paramref name=\"options\"/>.</summary>");
        foreach (var parameter in parameters) XmlDoc.Param(w, parameter.ParameterName, parameter.Description, PromptSourceEmitter.DefaultText(parameter));
        w.Line($"public {returnType} {method}(");
        PromptSourceEmitter.EmitCallParameters(w, cls, parameters);
        w.Line($"    {cls}.{method}(_binding.ChatClient, new {cls}.Input({string.Join(", ", parameters.Select(p => p.ParameterName))}), _binding.ApplyTo(options), cancellationToken);");
    }

    public static string EmitRegistration(HostingModel hosting)
    {
        var assembly = AssemblyIdentifier(hosting.Target.AssemblyName);
        var w = GeneratedFile.Start(": registers this assembly's prompts and typed clients with PromptGen.Hosting.");
        using (hosting.RootNamespace.Length == 0 ? null : w.Block($"namespace {hosting.RootNamespace}"))
        {
            w.Line($"/// <summary>Adds the prompts of {XmlDoc.Escape(hosting.Target.AssemblyName)} to <c>AddPromptGen()</c>.</summary>");
            w.Line(PromptSourceEmitter.GeneratedCodeAttribute);
            using (w.Block($"public static class {assembly}PromptGenBuilderExtensions"))
            {
                w.Line("/// <summary>");
                w.Line("/// Registers every prompt of this assembly: its name and variants, against which configuration is validated at start-up,");
                w.Line("/// and its typed client (<c>SomePrompt.Client</c>), created per resolution with the prompt's configured options.");
                w.Line("/// </summary>");
                using (w.Block($"public static {TypeNames.IPromptGenBuilder} Add{assembly}Prompts(this {TypeNames.IPromptGenBuilder} builder)"))
                {
                    foreach (var prompt in hosting.Prompts)
                    {
                        var variants = prompt.HasVariants ? $"{prompt.QualifiedClass}.VariantNames" : "global::System.Array.Empty<string>()";
                        var registration = $"new {TypeNames.PromptRegistration}({prompt.QualifiedClass}.PromptName, {variants})";
                        w.Line(prompt.HasClient
                            ? $"{TypeNames.PromptGenServiceCollectionExtensions}.AddPrompt(builder, {registration}, static binding => new {prompt.QualifiedClass}.Client(binding));"
                            : $"{TypeNames.PromptGenServiceCollectionExtensions}.AddPrompt(builder, {registration});");
                    }

                    w.Line("return builder;");
                }
            }
        }

        return w.ToStringAndFree();
    }

    /// <summary>The assembly name as one identifier: <c>Acme.Support</c> → <c>AcmeSupport</c>.</summary>
    internal static string AssemblyIdentifier(string assemblyName)
    {
        var parts = assemblyName.Split(new[] { '.', '-', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(p => IdentifierNames.ToPascalCase(p));
        var joined = string.Concat(parts);
        return joined.Length == 0 ? "Assembly" : char.IsDigit(joined[0]) ? "_" + joined : joined;
    }
}
