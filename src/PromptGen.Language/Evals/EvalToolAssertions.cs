using PromptGen.Language.Diagnostics;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Evals;

/// <summary>
/// The tool assertions: reading <c>tool-called</c> (a name, or <c>{ name, arguments }</c> where the arguments are a
/// subset of the call's), <c>tool-not-called</c> (a name) and <c>max-tool-calls</c> (a count), reporting PG0504 for a
/// malformed one; and checking that each names a tool the prompt declares (PG0607).
/// </summary>
internal static class EvalToolAssertions
{
    public static readonly string[] Keywords = { "tool-called", "tool-not-called", "max-tool-calls" };

    public static bool IsToolKind(EvalAssertionKind kind) =>
        kind is EvalAssertionKind.ToolCalled or EvalAssertionKind.ToolNotCalled or EvalAssertionKind.MaxToolCalls;

    public static EvalAssertion? Parse(EvalAssertion draft, string keyword, YamlSourceNode value, EvalDiagnosticList diagnostics)
    {
        switch (keyword)
        {
            case "max-tool-calls":
            {
                if (EvalYaml.Integer(value) is not { } max || max < 0)
                {
                    diagnostics.Malformed(value.Span, $"'max-tool-calls' needs a whole number of calls (0 or more), e.g. max-tool-calls: 2, not {EvalYaml.Describe(value)}");
                    return null;
                }

                return With(draft, null, null, null, max);
            }

            case "tool-not-called":
            {
                var name = EvalYaml.String(value);
                if (string.IsNullOrWhiteSpace(name))
                {
                    diagnostics.Malformed(value.Span, $"'tool-not-called' needs a tool name, e.g. tool-not-called: refundOrder, not {EvalYaml.Describe(value)}");
                    return null;
                }

                return With(draft, name!.Trim(), value, null, null);
            }

            default:
                return ParseCalled(draft, value, diagnostics);
        }
    }

    /// <summary>PG0607 when the assertion names a tool that the prompt's frontmatter <c>tools:</c> does not list.</summary>
    public static void Check(EvalAssertion assertion, PromptContext prompt, EvalDiagnosticList diagnostics)
    {
        if (assertion.ToolName is not { } name || prompt.Tools.Contains(name)) return;
        var declared = prompt.Tools.Count == 0
            ? $"{prompt.PromptFileName} declares no tools"
            : $"{prompt.PromptFileName} declares {string.Join(", ", prompt.Tools)}";
        var hint = EvalYaml.Hint(name, prompt.Tools);
        diagnostics.Add(DiagnosticDescriptors.EvalToolNotDeclared, assertion.ToolNameSpan ?? assertion.ExpectedSpan,
            $"'{assertion.Keyword}' names the tool '{name}', which the prompt does not declare under 'tools:'; {declared}{hint}");
    }

    private static EvalAssertion? ParseCalled(EvalAssertion draft, YamlSourceNode value, EvalDiagnosticList diagnostics)
    {
        if (EvalYaml.String(value) is { } bare && bare.Trim().Length > 0) return With(draft, bare.Trim(), value, null, null);
        if (!EvalYaml.IsMapping(value))
        {
            diagnostics.Malformed(value.Span, $"'tool-called' needs a tool name or {{ name: lookupOrder, arguments: {{ orderId: A-1182 }} }}, not {EvalYaml.Describe(value)}");
            return null;
        }

        YamlSourceNode? nameNode = null;
        YamlSourceNode? argumentsNode = null;
        foreach (var entry in value.Entries)
        {
            switch (entry.Key)
            {
                case "name":
                    nameNode = entry.Value;
                    break;
                case "arguments":
                    argumentsNode = entry.Value;
                    break;
                default:
                    diagnostics.Malformed(entry.KeySpan, $"Unknown key '{entry.Key}' in 'tool-called' (expected name, arguments){EvalYaml.Hint(entry.Key, new[] { "name", "arguments" })}");
                    return null;
            }
        }

        var name = nameNode is null ? null : EvalYaml.String(nameNode);
        if (string.IsNullOrWhiteSpace(name))
        {
            diagnostics.Malformed(nameNode?.Span ?? value.Span, "'tool-called' needs a 'name': the tool name as the prompt declares it");
            return null;
        }

        if (argumentsNode is not null && !EvalYaml.IsMapping(argumentsNode))
        {
            diagnostics.Malformed(argumentsNode.Span, $"'arguments' is a mapping of argument names to values (a subset of the call's), not {EvalYaml.Describe(argumentsNode)}");
            return null;
        }

        return With(draft, name!.Trim(), nameNode, argumentsNode?.Value, null);
    }

    // Tool operators have no not- form and take no path, so the draft carries neither.
    private static EvalAssertion With(EvalAssertion draft, string? toolName, YamlSourceNode? nameNode, PromptValue? arguments, long? max) =>
        EvalAssertionParser.Copy(draft, expected: arguments, maximum: max, toolName: toolName, toolNameSpan: nameNode?.Span);
}
