using PromptGen.Generator.Models;
using PromptGen.Language.Semantics;
using PromptGen.Language.Templates;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Compiles a prompt's bound template (and the partials it includes) into C# members, as a string for the model; also
/// holds what the typed and the dynamic render emitters write the same way, so each rule is written once.
/// </summary>
internal static class RenderCodeBuilder
{
    /// <summary>The first line of the dynamic <c>RenderTemplate</c> method.</summary>
    internal const string RenderTemplateHeader = $"private static {TypeNames.ChatMessages} RenderTemplate(object? input, {TypeNames.PromptRenderOptions}? options)";

    /// <summary>The first line of the typed <c>RenderTyped</c> method.</summary>
    internal const string RenderTypedHeader = $"private static {TypeNames.ChatMessages} RenderTyped(Input input, {TypeNames.PromptRenderOptions}? options)";

    /// <summary>
    /// The locals every render method starts with: the root writer <c>w0</c> and, when the template's <c>@root</c> data
    /// reads it too (<paramref name="historyLocal"/>), the chat history, read once for both.
    /// </summary>
    internal static void EmitRenderStart(IndentedWriter w, bool historyLocal)
    {
        if (historyLocal) w.Line($"var history = {TypeNames.TemplateRuntime}.HistoryOf(options);");
        w.Line($"var w0 = {TypeNames.TemplateWriter}.Root();");
    }

    /// <summary>The last statement of every render method: the messages written to <c>w0</c>, after the history.</summary>
    internal static string RenderReturn(bool historyLocal) =>
        $"return {TypeNames.TemplateRuntime}.ToMessages(w0, options, {(historyLocal ? "history" : TypeNames.TemplateRuntime + ".HistoryOf(options)")});";

    /// <summary>A literal argument as a template value (<c>null</c> for undefined), or null for a path or subexpression.</summary>
    internal static string? LiteralValue(Expression expression) => expression switch
    {
        StringLiteral s => $"{TypeNames.TemplateRuntime}.String({CSharpLiterals.String(s.Value)})",
        NumberLiteral n => $"{TypeNames.TemplateRuntime}.Number({CSharpLiterals.Double(n.Value)})",
        BooleanLiteral b => b.Value ? $"{TypeNames.TemplateRuntime}.True" : $"{TypeNames.TemplateRuntime}.False",
        NullLiteral => $"{TypeNames.TemplateRuntime}.Null",
        UndefinedLiteral => "null",
        _ => null,
    };

    /// <summary>The value of a hash argument (<c>indent=2</c>); when a key is repeated the last one counts, as in Handlebars.</summary>
    internal static Expression? HashArgument(HashExpression? hash, string key) => hash?.Find(key)?.Value;

    /// <summary>
    /// A call of a Dotprompt helper that gives a value to write (<c>json</c>, <c>role</c>, <c>history</c>,
    /// <c>section</c>, <c>media</c>) as a <c>TemplateRuntime</c> call over the compiled arguments, or null for any other
    /// helper. The caller checks the argument counts first: its rules for misuse differ.
    /// </summary>
    internal static string? DotpromptHelperCall(string helper, Func<int, string> argument, Func<string, string> hashArgument) => helper switch
    {
        "json" => $"{TypeNames.TemplateRuntime}.Json({argument(0)}, {hashArgument("indent")})",
        "role" => $"{TypeNames.TemplateRuntime}.Role({argument(0)})",
        "history" => $"{TypeNames.TemplateRuntime}.History()",
        "section" => $"{TypeNames.TemplateRuntime}.Section({argument(0)})",
        "media" => $"{TypeNames.TemplateRuntime}.Media({hashArgument("url")}, {hashArgument("contentType")})",
        _ => null,
    };

    /// <summary>The argument of a <c>{{role ...}}</c> written as a role marker: a literal name as a C# string, else its value.</summary>
    internal static string RoleName(Expression name, Func<Expression, string> value) =>
        name is StringLiteral literal ? CSharpLiterals.String(literal.Value) : value(name);

    /// <summary>
    /// Compiles one program (a template body or a block's) as both emitters do at every nesting level: guards the
    /// compiler's stack, honours cancellation, writes template text to <paramref name="writer"/> (empty text writes
    /// nothing) and hands every other statement to <paramref name="emitStatement"/>.
    /// </summary>
    internal static void EmitProgram(TemplateProgram program, IndentedWriter w, string writer, CancellationToken cancellationToken, Action<Statement> emitStatement)
    {
        StackGuard.Check();
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var statement in program.Statements)
        {
            if (statement is not ContentStatement content) emitStatement(statement);
            else if (content.Value.Length > 0) w.Line($"{writer}.Text({CSharpLiterals.Quote(content.Value)});");
        }
    }

    /// <summary>
    /// The typed <c>RenderTyped(Input, ...)</c> when the prompt has an input schema and every construct compiles over
    /// the typed records (<paramref name="isTyped"/> true); otherwise the dynamic <c>RenderTemplate(object?, ...)</c>.
    /// </summary>
    public static string Build(PromptSemantics semantics, RecordModel input, IEnumerable<RecordModel> records, string containingClass, out bool isTyped,
        CancellationToken cancellationToken = default)
    {
        isTyped = false;
        if (semantics.HasTemplateErrors)
        {
            var w = new IndentedWriter();
            // PG0201 is reported on the file; the class still compiles so the rest of the project does.
            w.Line(RenderTemplateHeader + " =>");
            w.Line("    throw new global::System.InvalidOperationException(\"The template has syntax errors (PG0201); fix them to render this prompt.\");");
            return w.ToStringAndFree();
        }

        if (semantics.Input is not null)
        {
            try
            {
                // Deep templates can need more stack than the compiler's thread has: StackGuard moves the work to a
                // thread with a large stack instead of letting a stack overflow kill the compiler.
                var typed = StackGuard.Run(() => TypedTemplateEmitter.TryEmit(semantics.Template, semantics.Partials, records.Append(input), containingClass, cancellationToken));
                isTyped = true;
                return typed;
            }
            catch (TypedTemplateEmitter.NotTypedException)
            {
                // Something only the dynamic path renders exactly (see docs/architecture.md): compile it that way.
            }
        }

        return StackGuard.Run(() =>
        {
            var methods = new IndentedWriter();
            TemplateEmitter.EmitRenderMethods(methods, semantics.Template, semantics.Partials, "private", cancellationToken);
            return methods.ToStringAndFree();
        });
    }
}
