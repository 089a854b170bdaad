using PromptGen.Language.Diagnostics;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Evals;

/// <summary>PG0503: does an assertion's path exist on the prompt's output type, and does its operator fit the type there?</summary>
internal sealed class EvalOutputChecker(EvalDiagnosticList diagnostics, PromptContext prompt)
{
    private readonly EvalDiagnosticList _diagnostics = diagnostics;
    private readonly PromptContext _prompt = prompt;

    public void Check(EvalAssertion assertion)
    {
        if (!_prompt.HasTypedOutput)
        {
            CheckAgainstText(assertion);
            return;
        }

        var schema = _prompt.Output!;
        var subject = "the output";
        if (assertion.Path is { } path)
        {
            if (!Resolve(path, assertion.PathSpan ?? assertion.Span, ref schema)) return;
            subject = $"'{path.Text}'";
        }

        CheckOperator(assertion, schema, subject);
    }

    private void CheckAgainstText(EvalAssertion assertion)
    {
        var what = $"{_prompt.PromptFileName} returns text";
        if (assertion.Path is not null)
        {
            Report(assertion.PathSpan ?? assertion.Span, $"{what}, so 'path' has nothing to select; give the prompt an output schema or drop the path");
            return;
        }

        switch (assertion.Kind)
        {
            case EvalAssertionKind.SchemaValid:
                Report(assertion.KeywordSpan, $"'schema-valid' needs an output schema; {what}");
                break;
            case EvalAssertionKind.JsonSubset:
            case EvalAssertionKind.Range:
            case EvalAssertionKind.Count:
                Report(assertion.KeywordSpan, $"'{assertion.Keyword}' does not apply to the output: {what}");
                break;
        }
    }

    /// <summary>Walks <paramref name="path"/> down the output schema; reports and returns false when a segment does not exist.</summary>
    private bool Resolve(EvalPath path, SourceSpan span, ref SchemaNode schema)
    {
        for (var i = 0; i < path.Segments.Count; i++)
        {
            var segment = path.Segments[i];
            var owner = i == 0 ? _prompt.OutputTypeName : $"'{path.Prefix(i)}'";
            var types = SchemaTypeNames.NonNull(schema);
            if (types is null) return false; // the schema does not say: nothing to check below this point
            if (types.Contains("object") && segment.MayBeName)
            {
                if (schema.FindProperty(segment.Name) is { } property)
                {
                    schema = property.Type;
                    continue;
                }

                if (schema.AdditionalProperties is { } valueSchema)
                {
                    schema = valueSchema;
                    continue;
                }

                if (schema.AllowsUndeclaredProperties) return false;
                Report(span, $"{owner} has no field '{segment.Name}'{EvalYaml.HintOrFields(segment.Name, schema.Properties.Select(p => p.Name).ToList())}");
                return false;
            }

            if (types.Contains("array") && segment.IsIndex)
            {
                if (schema.Items is { } items)
                {
                    schema = items;
                    continue;
                }

                return false;
            }

            var kind = SchemaTypeNames.Display(types);
            Report(span, segment.IsIndex && !segment.MayBeName
                ? $"{owner} is {kind}, not a list; '{path.Text}' cannot index it"
                : $"{owner} is {kind}; it has no field '{segment.Name}'");
            return false;
        }

        return true;
    }

    private void CheckOperator(EvalAssertion assertion, SchemaNode schema, string subject)
    {
        var types = SchemaTypeNames.NonNull(schema);
        if (types is null) return;
        var typeText = SchemaTypeNames.Display(types);
        var wholeOutput = assertion.Path is null;
        switch (assertion.Kind)
        {
            case EvalAssertionKind.Contains:
            case EvalAssertionKind.IContains:
            case EvalAssertionKind.ContainsAny:
            case EvalAssertionKind.ContainsAll:
            case EvalAssertionKind.IContainsAny:
            case EvalAssertionKind.IContainsAll:
                // Without a path these read the output's JSON text, which always works.
                if (!wholeOutput && !SchemaTypeNames.Allows(types, "string", "array")) Mismatch(assertion, subject, typeText, "a string or a list");
                break;
            case EvalAssertionKind.StartsWith:
            case EvalAssertionKind.Regex:
            case EvalAssertionKind.Levenshtein:
            case EvalAssertionKind.Similar:
                if (!wholeOutput && !SchemaTypeNames.Allows(types, "string")) Mismatch(assertion, subject, typeText, "a string");
                break;
            case EvalAssertionKind.Range:
                if (!SchemaTypeNames.Allows(types, "number", "integer")) Mismatch(assertion, subject, typeText, "a number");
                break;
            case EvalAssertionKind.Count:
                if (!SchemaTypeNames.Allows(types, "array")) Mismatch(assertion, subject, typeText, "a list");
                break;
            case EvalAssertionKind.JsonSubset:
                if (!SchemaTypeNames.Allows(types, "object", "array")) Mismatch(assertion, subject, typeText, "an object or a list");
                else if (assertion.Expected is { } subset) CheckFits(assertion, subset, schema, subject, assertion.ExpectedSpan); // required fields are not checked, so a partial object fits
                break;
            case EvalAssertionKind.Equals:
                if (assertion.Expected is { } expected) CheckFits(assertion, expected, schema, subject, assertion.ExpectedSpan);
                break;
            case EvalAssertionKind.In:
                if (assertion.Expected is { Kind: PromptValueKind.Array } options)
                {
                    foreach (var option in options.Items) CheckFits(assertion, option, schema, subject, assertion.ExpectedSpan);
                }

                break;
        }
    }

    /// <summary>Reports an expected value that can never equal a value of the schema (wrong type, not in the enum).</summary>
    private void CheckFits(EvalAssertion assertion, PromptValue value, SchemaNode schema, string subject, SourceSpan span)
    {
        // Required fields are not checked, so a partial object (json-subset) fits.
        var mismatch = SchemaValidator.Validate(value, schema, checkRequired: false, stopAtFirst: true).FirstOrDefault();
        if (mismatch is null) return;
        if (mismatch.Path.Count == 0 && schema.EnumValues.Count > 0)
        {
            Report(span, $"{PromptJson.Serialize(value)} is not a value of {subject} ({string.Join(", ", schema.EnumValues.Select(v => v.Kind == PromptValueKind.String ? v.AsString : PromptJson.Serialize(v)))})");
            return;
        }

        if (mismatch.Path.Count == 0)
        {
            Report(span, $"'{assertion.Keyword}: {PromptJson.Serialize(value)}' can never hold: {subject} is {SchemaTypeNames.Display(SchemaTypeNames.NonNull(schema))}");
            return;
        }

        Report(span, $"'{assertion.Keyword}' value does not fit {subject}: {mismatch.Describe("`" + string.Join(".", mismatch.Path) + "`")}.");
    }

    private void Mismatch(EvalAssertion assertion, string subject, string typeText, string needed)
    {
        var advice = assertion.Kind switch
        {
            EvalAssertionKind.Contains or EvalAssertionKind.IContains or EvalAssertionKind.ContainsAny or EvalAssertionKind.ContainsAll
                or EvalAssertionKind.IContainsAny or EvalAssertionKind.IContainsAll or EvalAssertionKind.StartsWith or EvalAssertionKind.Regex
                when typeText.Contains("number") || typeText.Contains("integer") => "; use min or max",
            EvalAssertionKind.Contains or EvalAssertionKind.IContains or EvalAssertionKind.StartsWith or EvalAssertionKind.Regex => "; use equals",
            _ => string.Empty,
        };
        Report(assertion.KeywordSpan, $"'{assertion.Keyword}' does not apply to {subject}, which is {typeText}; it needs {needed}{advice}");
    }

    private void Report(SourceSpan span, string message) => _diagnostics.Add(DiagnosticDescriptors.EvalAssertionPathInvalid, span, message);
}
