namespace PromptGen.Language.Templates;

/// <summary>What a mustache, block or subexpression calls, decided once when the template is parsed.</summary>
public enum CallKind
{
    /// <summary>A plain value lookup (for a block: Handlebars' <c>blockHelperMissing</c> over the value).</summary>
    Value,

    /// <summary>A known helper (<see cref="CallTarget.Helper"/>).</summary>
    Helper,

    /// <summary>A call with arguments whose name is not a known helper, or not a plain name: PG0202, a run-time error.</summary>
    UnknownHelper,
}

/// <summary>
/// The resolution of one call site, as Handlebars' <c>classifySexpr</c> decides it with <c>knownHelpersOnly</c>:
/// a call with arguments (or a subexpression) is a helper call; a plain name that is a known helper is a helper call;
/// a block parameter is always a value; everything else is a value. Set on every <see cref="MustacheStatement"/>,
/// <see cref="BlockStatement"/> and <see cref="SubExpression"/> by <see cref="CallResolver"/>; every reader (checks,
/// binder, run-time renderer, emitters) reads it instead of deciding again.
/// </summary>
public sealed class CallTarget
{
    /// <summary>A value lookup whose head is not a block parameter.</summary>
    public static readonly CallTarget Value = new(CallKind.Value, null, headIsBlockParameter: false, argumentsIgnored: false);

    private CallTarget(CallKind kind, string? helper, bool headIsBlockParameter, bool argumentsIgnored)
    {
        Kind = kind;
        Helper = helper;
        HeadIsBlockParameter = headIsBlockParameter;
        ArgumentsIgnored = argumentsIgnored;
    }

    public CallKind Kind { get; }

    /// <summary>The helper's name when <see cref="Kind"/> is <see cref="CallKind.Helper"/>.</summary>
    public string? Helper { get; }

    /// <summary>True when the call names a block parameter in scope (<c>as |item|</c>): a value, whatever its name.</summary>
    public bool HeadIsBlockParameter { get; }

    /// <summary>True when a block parameter is given arguments: they are ignored at run time (PG0202 at build time).</summary>
    public bool ArgumentsIgnored { get; }

    public bool IsHelper => Kind == CallKind.Helper;

    /// <summary>The helper this call invokes (for an unknown helper, the name as written), or null for a plain value.</summary>
    public string? HelperName(Expression callee) => Kind switch
    {
        CallKind.Value => null,
        CallKind.Helper => Helper,
        _ => (callee as PathExpression)?.Head ?? callee.Original,
    };

    internal static CallTarget ForHelper(string name) => new(CallKind.Helper, name, false, false);

    internal static readonly CallTarget Unknown = new(CallKind.UnknownHelper, null, false, false);

    internal static readonly CallTarget BlockParameter = new(CallKind.Value, null, true, false);

    internal static readonly CallTarget BlockParameterWithArguments = new(CallKind.Value, null, true, true);
}
