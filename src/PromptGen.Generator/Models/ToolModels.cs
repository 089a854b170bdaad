namespace PromptGen.Generator.Models;

/// <summary>The JSON shapes a tool parameter or return value can take (each has one reader, writer and schema).</summary>
internal enum ToolTypeKind
{
    String,
    Boolean,
    Int32,
    Int64,
    Double,
    Single,
    Decimal,
    Guid,
    DateTime,
    DateTimeOffset,
    Json,
    Enum,
    Array,
}

/// <summary>
/// A parameter or return type of a tool method, mapped to JSON: its kind, the C# type (fully qualified, without the
/// nullable marker), whether null is allowed, enum member names and the element of an array.
/// </summary>
internal sealed record ToolTypeModel(
    ToolTypeKind Kind,
    string CSharpType,
    bool IsNullable,
    EquatableArray<string> EnumMembers,
    ToolTypeModel? Element);

/// <summary>One parameter of a tool method. A <c>CancellationToken</c> parameter receives the invocation's token.</summary>
internal sealed record ToolParameterModel(
    string Name,
    ToolTypeModel? Type,
    bool IsCancellationToken,
    bool IsRequired,
    string? DefaultExpression,
    string? Description);

/// <summary>How a tool method returns: a value directly, or through <c>Task</c> / <c>ValueTask</c> (awaited).</summary>
internal enum ToolReturnKind
{
    Value,
    Task,
    ValueTask,
}

/// <summary>A problem that stops a method from being generated as a tool, reported where a prompt names the tool.</summary>
internal sealed record ToolProblem(string Id, string Message);

/// <summary>
/// A method marked <c>[PromptTool]</c>, as plain values (the output of the tool-symbol step): nothing here refers to a
/// Roslyn symbol, so the step is cached until a marked method's signature, attribute or documentation changes.
/// </summary>
internal sealed record ToolMethodModel(
    string ToolName,
    string MethodName,
    string ContainingType,
    string ContainingTypeName,
    bool IsStatic,
    bool IsContainingTypePublic,
    string Description,
    EquatableArray<ToolParameterModel> Parameters,
    ToolTypeModel? Return,
    bool ReturnsVoid,
    ToolReturnKind ReturnKind,
    string DeclaredAt,
    EquatableArray<ToolProblem> Problems);

/// <summary>Every <c>[PromptTool]</c> method of the compilation, sorted by tool name and declaration.</summary>
internal sealed record ToolCatalog(EquatableArray<ToolMethodModel> Methods)
{
    public static readonly ToolCatalog Empty = new(EquatableArray<ToolMethodModel>.Empty);
}

/// <summary>A tool name under a prompt's frontmatter <c>tools:</c> and where it is written.</summary>
internal sealed record ToolReferenceModel(string Name, LocationInfo Location);
