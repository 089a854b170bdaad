using PromptGen.Generator.Models;

namespace PromptGen.Generator.Emit;

/// <summary>
/// C# spellings of mapped types and of every library type generated code names (.NET, Microsoft.Extensions.AI and the
/// PromptGen runtime), each written once here and always <c>global::</c>-qualified so user code cannot shadow them.
/// </summary>
internal static class TypeNames
{
    public const string JsonElement = "global::System.Text.Json.JsonElement";
    public const string Utf8JsonReader = "global::System.Text.Json.Utf8JsonReader";
    public const string Utf8JsonWriter = "global::System.Text.Json.Utf8JsonWriter";
    public const string JsonTokenType = "global::System.Text.Json.JsonTokenType";
    public const string JsonException = "global::System.Text.Json.JsonException";
    public const string ChatOptions = "global::Microsoft.Extensions.AI.ChatOptions";
    public const string ChatMessage = "global::Microsoft.Extensions.AI.ChatMessage";
    public const string IChatClient = "global::Microsoft.Extensions.AI.IChatClient";
    public const string AdditionalPropertiesDictionary = "global::Microsoft.Extensions.AI.AdditionalPropertiesDictionary";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string ChatMessages = "global::System.Collections.Generic.IList<" + ChatMessage + ">";
    public const string AITool = "global::Microsoft.Extensions.AI.AITool";
    public const string AIToolList = "global::System.Collections.Generic.IList<" + AITool + ">";

    // The PromptGen runtime, by namespace.
    public const string PromptRunOptions = "global::PromptGen.PromptRunOptions";
    public const string PromptParseReport = "global::PromptGen.PromptParseReport";
    public const string PromptRunner = "global::PromptGen.PromptRunner";
    public const string PromptVariantRunner = "global::PromptGen.PromptVariantRunner";
    public const string PromptInputDefaults = "global::PromptGen.PromptInputDefaults";
    public const string IPromptDescriptor = "global::PromptGen.Catalog.IPromptDescriptor";
    public const string PromptDescriptor = "global::PromptGen.Catalog.PromptDescriptor";
    public const string PromptCatalog = "global::PromptGen.Catalog.PromptCatalog";
    public const string PromptBinding = "global::PromptGen.Hosting.PromptBinding";
    public const string IPromptGenBuilder = "global::PromptGen.Hosting.IPromptGenBuilder";
    public const string PromptRegistration = "global::PromptGen.Hosting.PromptRegistration";
    public const string PromptGenServiceCollectionExtensions = "global::PromptGen.Hosting.PromptGenServiceCollectionExtensions";
    public const string PromptCallSite = "global::PromptGen.Observation.PromptCallSite";
    public const string PromptRenderOptions = "global::PromptGen.Rendering.PromptRenderOptions";
    public const string TemplateRuntime = "global::PromptGen.Rendering.TemplateRuntime";
    public const string TypedTemplateRuntime = "global::PromptGen.Rendering.TypedTemplateRuntime";
    public const string TemplateWriter = "global::PromptGen.Rendering.TemplateWriter";
    public const string TemplateJsonWriter = "global::PromptGen.Rendering.TemplateJsonWriter";
    public const string JsonRead = "global::PromptGen.Serialization.JsonRead";
    public const string JsonWrite = "global::PromptGen.Serialization.JsonWrite";
    public const string JsonText = "global::PromptGen.Serialization.JsonText";
    public const string JsonEnumNames = "global::PromptGen.Serialization.JsonEnumNames";
    public const string JsonPropertyNames = "global::PromptGen.Serialization.JsonPropertyNames";
    public const string PromptOutputParser = "global::PromptGen.Serialization.PromptOutputParser";
    public const string PromptOutputParserExtensions = "global::PromptGen.Serialization.PromptOutputParserExtensions";
    public const string PromptTextOutput = "global::PromptGen.Serialization.PromptTextOutput";
    public const string PromptStream = "global::PromptGen.Streaming.PromptStream";
    public const string PromptStreamRunner = "global::PromptGen.Streaming.PromptStreamRunner";
    public const string PartialRecord = "global::PromptGen.Streaming.PartialRecord";
    public const string PartialRecordReader = "global::PromptGen.Streaming.PartialRecordReader";
    public const string PartialValueReader = "global::PromptGen.Streaming.PartialValueReader";
    public const string PartialSource = "global::PromptGen.Streaming.PartialSource";
    public const string PartialFields = "global::PromptGen.Streaming.PartialFields";
    public const string PartialValues = "global::PromptGen.Streaming.PartialValues";
    public const string StreamingNode = "global::PromptGen.Streaming.StreamingNode";
    public const string PromptToolFunction = "global::PromptGen.Tools.PromptToolFunction";
    public const string PromptToolArguments = "global::PromptGen.Tools.PromptToolArguments";
    public const string PromptToolResults = "global::PromptGen.Tools.PromptToolResults";

    public static string Task(string result) => "global::System.Threading.Tasks.Task<" + result + ">";

    public static string PromptResult(string value) => "global::PromptGen.PromptResult<" + value + ">";

    /// <summary>The C# type for <paramref name="type"/>; generated types are qualified with <paramref name="containingClass"/>.</summary>
    public static string Of(TypeRef type, string containingClass) => type.Kind switch
    {
        // One concatenation per type: scalars are constants, composed types are built around their element's spelling.
        TypeKind.List => string.Concat(ListPrefix, Of(type.Element!, containingClass), type.IsNullable ? ">?" : ">"),
        TypeKind.Map => string.Concat(MapPrefix, Of(type.Element!, containingClass), type.IsNullable ? ">?" : ">"),
        _ when ScalarName(type.Kind, type.IsNullable) is { } scalar => scalar,
        _ => type.IsNullable ? string.Concat(containingClass, ".", type.Name, "?") : string.Concat(containingClass, ".", type.Name),
    };

    /// <summary>
    /// <see cref="Of"/> for an interpolated line of an <see cref="IndentedWriter"/>, which writes the spelling in place
    /// instead of building it as a string first.
    /// </summary>
    public static TypeSpelling Spell(TypeRef type, string containingClass) => new(type, containingClass);

    /// <summary>Appends the spelling <see cref="Of"/> gives.</summary>
    public static StringBuilder Append(StringBuilder builder, TypeRef type, string containingClass)
    {
        switch (type.Kind)
        {
            case TypeKind.List:
                return Append(builder.Append(ListPrefix), type.Element!, containingClass).Append(type.IsNullable ? ">?" : ">");
            case TypeKind.Map:
                return Append(builder.Append(MapPrefix), type.Element!, containingClass).Append(type.IsNullable ? ">?" : ">");
            default:
                if (ScalarName(type.Kind, type.IsNullable) is { } scalar) return builder.Append(scalar);
                builder.Append(containingClass).Append('.').Append(type.Name);
                return type.IsNullable ? builder.Append('?') : builder;
        }
    }

    private const string ListPrefix = "global::System.Collections.Generic.IReadOnlyList<";
    private const string MapPrefix = "global::System.Collections.Generic.IReadOnlyDictionary<string, ";

    /// <summary>The spelling of a scalar (nullable or not), or null for the other kinds.</summary>
    private static string? ScalarName(TypeKind kind, bool nullable) => kind switch
    {
        TypeKind.String => nullable ? "string?" : "string",
        TypeKind.Int64 => nullable ? "long?" : "long",
        TypeKind.Int32 => nullable ? "int?" : "int",
        TypeKind.Double => nullable ? "double?" : "double",
        TypeKind.Boolean => nullable ? "bool?" : "bool",
        TypeKind.Json => nullable ? JsonElement + "?" : JsonElement,
        _ => null,
    };

    /// <summary>A unique suffix for codec method names: <c>ReadListOfString</c>, <c>WriteNullableOutput</c>, ...</summary>
    public static string Key(TypeRef type) => type.IsNullable ? "Nullable" + KindKey(type) : KindKey(type);

    /// <summary><see cref="Key"/> of the type as if it were not nullable (without a non-nullable copy of it).</summary>
    private static string KindKey(TypeRef type) => type.Kind switch
    {
        TypeKind.List => "ListOf" + Key(type.Element!),
        TypeKind.Map => "MapOf" + Key(type.Element!),
        TypeKind.Record or TypeKind.Enum => type.Name!,
        var kind => kind.ToString(),
    };

    /// <summary><c>global::Acme.Prompts.TriageTicketPrompt</c>.</summary>
    public static string QualifiedClass(PromptIdentity identity) =>
        "global::" + (identity.Namespace.Length == 0 ? string.Empty : identity.Namespace + ".") + identity.ClassName;
}

/// <summary>A type to write as C# (<see cref="TypeNames.Spell"/>); as text, its spelling.</summary>
internal readonly struct TypeSpelling
{
    public TypeSpelling(TypeRef type, string containingClass)
    {
        Type = type;
        ContainingClass = containingClass;
    }

    public TypeRef Type { get; }

    public string ContainingClass { get; }

    public override string ToString() => TypeNames.Of(Type, ContainingClass);
}
