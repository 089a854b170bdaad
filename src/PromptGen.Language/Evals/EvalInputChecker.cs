using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Schemas;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Evals;

/// <summary>PG0502: does a case's input fit the prompt's input schema (required fields, declared fields, types, enums)?</summary>
internal sealed class EvalInputChecker
{
    private const int MaxDepth = 64;
    private readonly EvalDiagnosticList _diagnostics;
    private readonly PromptContext _prompt;

    public EvalInputChecker(EvalDiagnosticList diagnostics, PromptContext prompt)
    {
        _diagnostics = diagnostics;
        _prompt = prompt;
    }

    public void Check(EvalCase evalCase)
    {
        if (_prompt.InputSchema is not { Kind: PromptValueKind.Object } schema) return;
        var fallback = evalCase.InputNode?.Span ?? evalCase.IdSpan;
        CheckValue(evalCase.Input, evalCase.InputNode, schema, new List<string>(), fallback, 0);
    }

    private void CheckValue(PromptValue value, YamlSourceNode? node, PromptValue schema, List<string> path, SourceSpan fallback, int depth)
    {
        if (depth > MaxDepth || schema.Kind != PromptValueKind.Object) return;
        var span = node?.Span ?? fallback;
        var where = path.Count == 0 ? "Input" : $"Input field '{string.Join(".", path)}'";

        var types = JsonSchemaTypes.Of(schema);
        if (types is not null && !types.Contains("any") && !types.Any(t => SchemaTypeMatch.Fits(value, t)))
        {
            _diagnostics.Add(DiagnosticDescriptors.EvalInputMismatch, span,
                $"{where} is {Describe(value)} but {_prompt.PromptFileName} expects {JsonSchemaTypes.Display(types)}");
            return;
        }

        if (schema["enum"] is { Kind: PromptValueKind.Array } allowed && !allowed.Items.Contains(value))
        {
            _diagnostics.Add(DiagnosticDescriptors.EvalInputMismatch, span,
                $"{where} is {PromptJson.Serialize(value)}, which is not one of {string.Join(", ", allowed.Items.Select(v => PromptJson.Serialize(v)))}");
            return;
        }

        if (value.Kind == PromptValueKind.Object) CheckObject(value, node, schema, path, span, depth);
        else if (value.Kind == PromptValueKind.Array && schema["items"] is { Kind: PromptValueKind.Object } items)
        {
            for (var i = 0; i < value.Items.Count; i++)
            {
                path.Add(i.ToString(CultureInfo.InvariantCulture));
                CheckValue(value.Items[i], node?[i], items, path, span, depth + 1);
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    private void CheckObject(PromptValue value, YamlSourceNode? node, PromptValue schema, List<string> path, SourceSpan span, int depth)
    {
        var properties = schema["properties"];
        var additional = schema["additionalProperties"];
        if (schema["required"] is { Kind: PromptValueKind.Array } required)
        {
            foreach (var name in required.Items.Where(r => r.Kind == PromptValueKind.String).Select(r => r.AsString))
            {
                if (value.TryGetProperty(name, out _)) continue;
                if (path.Count == 0 && _prompt.InputDefault?[name] is not null) continue;
                var owner = path.Count == 0 ? "Input" : $"Input field '{string.Join(".", path)}'";
                _diagnostics.Add(DiagnosticDescriptors.EvalInputMismatch, span, $"{owner} is missing the required field '{name}'");
            }
        }

        foreach (var property in value.Properties)
        {
            var entry = node?.FindEntry(property.Key);
            path.Add(property.Key);
            if (properties?[property.Key] is { Kind: PromptValueKind.Object } propertySchema)
            {
                CheckValue(property.Value, entry?.Value, propertySchema, path, span, depth + 1);
            }
            else if (additional is { Kind: PromptValueKind.Boolean } && !additional.AsBoolean)
            {
                var known = properties?.Properties.Select(p => p.Key).ToList() ?? new List<string>();
                var hint = EvalYaml.Hint(property.Key, known);
                var list = hint.Length == 0 && known.Count > 0 ? $" (fields: {string.Join(", ", known)})" : string.Empty;
                _diagnostics.Add(DiagnosticDescriptors.EvalInputMismatch, entry?.KeySpan ?? span,
                    $"Input field '{string.Join(".", path)}' is not declared by {_prompt.PromptFileName}{(hint.Length > 0 ? hint : list)}");
            }
            else if (additional is { Kind: PromptValueKind.Object })
            {
                CheckValue(property.Value, entry?.Value, additional, path, span, depth + 1);
            }

            path.RemoveAt(path.Count - 1);
        }
    }


    internal static string Describe(PromptValue value) => value.Kind switch
    {
        PromptValueKind.Null => "null",
        PromptValueKind.Boolean => "a boolean",
        PromptValueKind.Number => Math.Floor(value.AsNumber) == value.AsNumber ? "an integer" : "a number",
        PromptValueKind.String => "a string",
        PromptValueKind.Array => "a list",
        _ => "an object",
    };
}
