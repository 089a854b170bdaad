namespace PromptGen.Language.Diagnostics;

/// <summary>Every PromptGen diagnostic. IDs are stable; each is documented in <c>docs/diagnostics/ID.md</c>.</summary>
public static class DiagnosticDescriptors
{
    public static readonly PromptDiagnosticDescriptor InvalidYaml = new("PG0001", PromptDiagnosticSeverity.Error, "Frontmatter is not valid YAML", "PromptGen.Format");

    public static readonly PromptDiagnosticDescriptor UnknownFrontmatterKey = new("PG0002", PromptDiagnosticSeverity.Warning, "Unknown frontmatter key", "PromptGen.Format");

    public static readonly PromptDiagnosticDescriptor InvalidFrontmatterValue = new("PG0003", PromptDiagnosticSeverity.Error, "Frontmatter value has the wrong type or range", "PromptGen.Format");

    public static readonly PromptDiagnosticDescriptor FragileFrontmatterDelimiter = new("PG0004", PromptDiagnosticSeverity.Warning, "Frontmatter delimiters are not portable to other Dotprompt runtimes", "PromptGen.Format");

    public static readonly PromptDiagnosticDescriptor FileIsNotUtf8 = new("PG0005", PromptDiagnosticSeverity.Warning, "File is not valid UTF-8", "PromptGen.Format");

    public static readonly PromptDiagnosticDescriptor UnknownSchemaType = new("PG0101", PromptDiagnosticSeverity.Error, "Picoschema: unknown type or named schema", "PromptGen.Schema");

    public static readonly PromptDiagnosticDescriptor InvalidSchemaSyntax = new("PG0102", PromptDiagnosticSeverity.Error, "Picoschema: invalid parenthetical, optional marker or wildcard", "PromptGen.Schema");

    public static readonly PromptDiagnosticDescriptor InvalidEnumValues = new("PG0103", PromptDiagnosticSeverity.Error, "Picoschema: invalid enum values", "PromptGen.Schema");

    public static readonly PromptDiagnosticDescriptor AmbiguousSchema = new("PG0104", PromptDiagnosticSeverity.Warning, "Schema is ambiguous between Picoschema and JSON Schema", "PromptGen.Schema");

    public static readonly PromptDiagnosticDescriptor SchemaHasNoCSharpType = new("PG0105", PromptDiagnosticSeverity.Warning, "Schema construct has no faithful C# type", "PromptGen.Schema");

    public static readonly PromptDiagnosticDescriptor TemplateSyntaxError = new("PG0201", PromptDiagnosticSeverity.Error, "Template syntax error", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor UnknownHelper = new("PG0202", PromptDiagnosticSeverity.Error, "Unknown helper", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor UndeclaredVariable = new("PG0203", PromptDiagnosticSeverity.Error, "Template uses a variable the input schema does not declare", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor UnusedInput = new("PG0204", PromptDiagnosticSeverity.Warning, "Input field declared but never used by the template", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor InvalidRole = new("PG0205", PromptDiagnosticSeverity.Error, "Invalid role name or misuse of role/history", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor PartialNotFound = new("PG0206", PromptDiagnosticSeverity.Error, "Partial not found", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor PartialCycle = new("PG0207", PromptDiagnosticSeverity.Error, "Partial cycle", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor InvalidHelperArguments = new("PG0208", PromptDiagnosticSeverity.Error, "Helper called with wrong arguments", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor TypeMisuse = new("PG0209", PromptDiagnosticSeverity.Error, "Type misuse in the template", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor MediaTypeUnknown = new("PG0210", PromptDiagnosticSeverity.Warning, "Media part has no media type known at build time", "PromptGen.Template");

    public static readonly PromptDiagnosticDescriptor NameCollision = new("PG0301", PromptDiagnosticSeverity.Error, "Two prompts map to the same C# name", "PromptGen.Generation");

    public static readonly PromptDiagnosticDescriptor NameAdjusted = new("PG0302", PromptDiagnosticSeverity.Warning, "Prompt name is not a valid C# identifier and was adjusted", "PromptGen.Generation");

    public static readonly PromptDiagnosticDescriptor InvalidInputDefault = new("PG0401", PromptDiagnosticSeverity.Error, "input.default does not fit the input schema", "PromptGen.Schema");

    public static readonly PromptDiagnosticDescriptor OutputFormatMismatch = new("PG0402", PromptDiagnosticSeverity.Warning, "output.format and output.schema disagree", "PromptGen.Schema");

    public static readonly PromptDiagnosticDescriptor EvalPromptNotFound = new("PG0501", PromptDiagnosticSeverity.Error, "Eval file names a prompt that does not exist", "PromptGen.Eval");

    public static readonly PromptDiagnosticDescriptor EvalInputMismatch = new("PG0502", PromptDiagnosticSeverity.Error, "Eval case input does not fit the prompt's input schema", "PromptGen.Eval");

    public static readonly PromptDiagnosticDescriptor EvalAssertionPathInvalid = new("PG0503", PromptDiagnosticSeverity.Error, "Assertion path or operator does not fit the output type", "PromptGen.Eval");

    public static readonly PromptDiagnosticDescriptor EvalAssertionInvalid = new("PG0504", PromptDiagnosticSeverity.Error, "Unknown or malformed assertion", "PromptGen.Eval");

    public static readonly PromptDiagnosticDescriptor EvalCaseIdInvalid = new("PG0505", PromptDiagnosticSeverity.Error, "Duplicate or missing case id", "PromptGen.Eval");

    public static readonly PromptDiagnosticDescriptor EvalExperimentArmUnknown = new("PG0506", PromptDiagnosticSeverity.Error, "Experiment names a variant or control arm that does not exist", "PromptGen.Eval");

    public static readonly PromptDiagnosticDescriptor UnknownTool = new("PG0601", PromptDiagnosticSeverity.Error, "Tool not found", "PromptGen.Tools");

    public static readonly PromptDiagnosticDescriptor DuplicateToolName = new("PG0602", PromptDiagnosticSeverity.Error, "Two methods declare the same tool name", "PromptGen.Tools");

    public static readonly PromptDiagnosticDescriptor ToolParameterUnmappable = new("PG0603", PromptDiagnosticSeverity.Error, "Tool parameter type has no JSON Schema mapping", "PromptGen.Tools");

    public static readonly PromptDiagnosticDescriptor ToolReturnUnmappable = new("PG0604", PromptDiagnosticSeverity.Error, "Tool return type has no JSON Schema mapping", "PromptGen.Tools");

    public static readonly PromptDiagnosticDescriptor ToolMethodNotCallable = new("PG0605", PromptDiagnosticSeverity.Error, "Tool method cannot be called from generated code", "PromptGen.Tools");

    public static readonly PromptDiagnosticDescriptor InvalidToolName = new("PG0606", PromptDiagnosticSeverity.Error, "Invalid tool name", "PromptGen.Tools");

    public static readonly PromptDiagnosticDescriptor EvalToolNotDeclared = new("PG0607", PromptDiagnosticSeverity.Error, "Assertion names a tool the prompt does not declare", "PromptGen.Eval");
    public static readonly PromptDiagnosticDescriptor VariantSchemaMismatch = new("PG0620", PromptDiagnosticSeverity.Error, "Prompt variant declares a different schema than its base prompt", "PromptGen.Generation");

    public static readonly PromptDiagnosticDescriptor EvalGateFailed = new("PG1001", PromptDiagnosticSeverity.Error, "Eval gate failed", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor EvalRegressed = new("PG1002", PromptDiagnosticSeverity.Error, "Eval regressed against the baseline", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor RecordingMissing = new("PG1003", PromptDiagnosticSeverity.Error, "Recording missing in replay mode", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor EvalInfrastructureError = new("PG1004", PromptDiagnosticSeverity.Error, "Provider or infrastructure error during evals", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor ShardMissing = new("PG1005", PromptDiagnosticSeverity.Error, "Shard missing from an eval merge", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor ShardDuplicated = new("PG1006", PromptDiagnosticSeverity.Error, "Shard given twice to an eval merge", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor ShardsMismatched = new("PG1007", PromptDiagnosticSeverity.Error, "Shards of an eval merge ran different suites", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor ShardCasesDoNotAddUp = new("PG1008", PromptDiagnosticSeverity.Error, "Shards' cases overlap or do not make up the suite", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor FlakyCase = new("PG1101", PromptDiagnosticSeverity.Warning, "Flaky eval case", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor NewCaseWithoutBaseline = new("PG1102", PromptDiagnosticSeverity.Warning, "New eval case without a baseline", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor RegressionInconclusive = new("PG1103", PromptDiagnosticSeverity.Warning, "Regression check inconclusive", "PromptGen.EvalRun");

    public static readonly PromptDiagnosticDescriptor InternalError = new("PG9999", PromptDiagnosticSeverity.Error, "Internal error while processing a file", "PromptGen.Internal");

    /// <summary>All descriptors, in ID order.</summary>
    public static readonly System.Collections.Generic.IReadOnlyList<PromptDiagnosticDescriptor> All = new[]
    {
        InvalidYaml,
        UnknownFrontmatterKey,
        InvalidFrontmatterValue,
        FragileFrontmatterDelimiter,
        FileIsNotUtf8,
        UnknownSchemaType,
        InvalidSchemaSyntax,
        InvalidEnumValues,
        AmbiguousSchema,
        SchemaHasNoCSharpType,
        TemplateSyntaxError,
        UnknownHelper,
        UndeclaredVariable,
        UnusedInput,
        InvalidRole,
        PartialNotFound,
        PartialCycle,
        InvalidHelperArguments,
        TypeMisuse,
        MediaTypeUnknown,
        NameCollision,
        NameAdjusted,
        InvalidInputDefault,
        OutputFormatMismatch,
        EvalPromptNotFound,
        EvalInputMismatch,
        EvalAssertionPathInvalid,
        EvalAssertionInvalid,
        EvalCaseIdInvalid,
        EvalExperimentArmUnknown,
        UnknownTool,
        DuplicateToolName,
        ToolParameterUnmappable,
        ToolReturnUnmappable,
        ToolMethodNotCallable,
        InvalidToolName,
        EvalToolNotDeclared,
        VariantSchemaMismatch,
        EvalGateFailed,
        EvalRegressed,
        RecordingMissing,
        EvalInfrastructureError,
        ShardMissing,
        ShardDuplicated,
        ShardsMismatched,
        ShardCasesDoNotAddUp,
        FlakyCase,
        NewCaseWithoutBaseline,
        RegressionInconclusive,
        InternalError,
    };
}
