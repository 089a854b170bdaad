using PromptGen.Language.Diagnostics;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Evals;

/// <summary>PG0502: does a case's input fit the prompt's input schema (required fields, declared fields, types, enums)?</summary>
internal sealed class EvalInputChecker(EvalDiagnosticList diagnostics, PromptContext prompt)
{
    public void Check(EvalCase evalCase)
    {
        if (prompt.Input is not { } schema) return;
        var fallback = evalCase.InputNode?.Span ?? evalCase.IdSpan;
        foreach (var mismatch in SchemaValidator.Validate(evalCase.Input, schema))
        {
            var node = Locate(evalCase.InputNode, mismatch.Path, out var keySpan);
            var span = (mismatch.AtKey ? keySpan : node?.Span) ?? node?.Span ?? fallback;
            diagnostics.Add(DiagnosticDescriptors.EvalInputMismatch, span, Message(mismatch));
        }
    }

    private string Message(SchemaMismatch mismatch)
    {
        var path = string.Join(".", mismatch.Path);
        var where = mismatch.Path.Count == 0 ? "Input" : $"Input field '{path}'";
        switch (mismatch.Kind)
        {
            case SchemaMismatchKind.WrongType:
                return $"{where} is {SchemaMismatch.DescribeValue(mismatch.Value!)} but {prompt.PromptFileName} expects {SchemaTypeNames.Display(SchemaTypeNames.NonNull(mismatch.Node) ?? new HashSet<string>(mismatch.Node.DeclaredTypes))}";
            case SchemaMismatchKind.NotInEnum:
                return $"{where} is {PromptJson.Serialize(mismatch.Value!)}, which is not one of {string.Join(", ", mismatch.Node.EnumValues.Select(v => PromptJson.Serialize(v)))}";
            case SchemaMismatchKind.MissingRequired:
                return $"{where} is missing the required field '{mismatch.PropertyName}'";
            case SchemaMismatchKind.UndeclaredProperty:
                return $"Input field '{path}' is not declared by {prompt.PromptFileName}{EvalYaml.HintOrFields(mismatch.PropertyName!, mismatch.DeclaredNames)}";
            default:
                return mismatch.Describe(where);
        }
    }

    /// <summary>The YAML node at <paramref name="path"/> (null when it is not written), with the span of its key.</summary>
    private static YamlSourceNode? Locate(YamlSourceNode? node, IReadOnlyList<string> path, out SourceSpan? keySpan)
    {
        keySpan = null;
        foreach (var segment in path)
        {
            if (node is null) return null;
            if (node.Kind == YamlSourceNodeKind.Sequence && int.TryParse(segment, out var index))
            {
                node = node[index];
                keySpan = node?.Span;
                continue;
            }

            var entry = node.FindEntry(segment);
            keySpan = entry?.KeySpan;
            node = entry?.Value;
        }

        return node;
    }
}
