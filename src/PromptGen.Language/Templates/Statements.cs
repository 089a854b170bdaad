using PromptGen.Language.Text;

namespace PromptGen.Language.Templates;

/// <summary>A statement of a template body.</summary>
public abstract class Statement : TemplateNode
{
    protected Statement(SourceSpan span)
        : base(span)
    {
    }
}

/// <summary>Literal text. <see cref="Value"/> is what is rendered after whitespace control.</summary>
public sealed class ContentStatement : Statement
{
    // Only what stripping took off either end is kept beside Value, not a second copy of the whole text: parsed
    // templates are kept between builds by the compiler server, and Original is rarely read.
    private string _strippedStart = string.Empty;
    private string _strippedEnd = string.Empty;

    internal ContentStatement(SourceSpan span, string original)
        : base(span)
    {
        Value = original;
    }

    /// <summary>The text as written (escapes like <c>\{{</c> already resolved).</summary>
    public string Original => _strippedStart.Length == 0 && _strippedEnd.Length == 0 ? Value : string.Concat(_strippedStart, Value, _strippedEnd);

    /// <summary>The text after <c>~</c> and standalone-line stripping.</summary>
    public string Value { get; private set; }

    /// <summary>Takes the first <paramref name="count"/> characters off <see cref="Value"/>.</summary>
    internal void StripStart(int count)
    {
        if (count == 0) return;
        _strippedStart = string.Concat(_strippedStart, SharedWords.Slice(Value, 0, count));
        Value = SharedWords.Slice(Value, count, Value.Length - count);
    }

    /// <summary>Keeps the first <paramref name="length"/> characters of <see cref="Value"/>.</summary>
    internal void StripEnd(int length)
    {
        if (length == Value.Length) return;
        _strippedEnd = string.Concat(SharedWords.Slice(Value, length, Value.Length - length), _strippedEnd);
        Value = SharedWords.Slice(Value, 0, length);
    }

    internal bool LeftStripped { get; set; }

    internal bool RightStripped { get; set; }
}

/// <summary><c>{{! ... }}</c> or <c>{{!-- ... --}}</c>.</summary>
public sealed class CommentStatement : Statement
{
    internal CommentStatement(SourceSpan span, string value, StripFlags strip)
        : base(span)
    {
        Value = value;
        Strip = strip;
    }

    public string Value { get; }

    public StripFlags Strip { get; }
}

/// <summary><c>{{x}}</c>, <c>{{{x}}}</c>, <c>{{&amp;x}}</c> or a helper call <c>{{helper a k=v}}</c>.</summary>
public sealed class MustacheStatement : Statement
{
    internal MustacheStatement(SourceSpan span, Expression path, IReadOnlyList<Expression> parameters, HashExpression? hash, bool escaped, StripFlags strip)
        : base(span)
    {
        Path = path;
        Params = NodeLists.Exact(parameters);
        Hash = hash;
        Escaped = escaped;
        Strip = strip;
    }

    /// <summary>The value or helper name: a <see cref="PathExpression"/> or a literal.</summary>
    public Expression Path { get; }

    public IReadOnlyList<Expression> Params { get; }

    public HashExpression? Hash { get; }

    /// <summary>False for <c>{{{x}}}</c> and <c>{{&amp;x}}</c>. Dotprompt never HTML-escapes, so this only records the syntax.</summary>
    public bool Escaped { get; }

    public StripFlags Strip { get; }

    /// <summary>True when Handlebars treats this as a helper call (it has arguments).</summary>
    public bool IsHelperCall => Params.Count > 0 || Hash is not null;

    /// <summary>What the mustache calls: a helper or a value.</summary>
    public CallTarget Call { get; internal set; } = CallTarget.Value;
}

/// <summary><c>{{#x}}...{{else}}...{{/x}}</c>, <c>{{^x}}...{{/x}}</c> or a raw block <c>{{{{x}}}}...{{{{/x}}}}</c>.</summary>
public sealed class BlockStatement : Statement
{
    internal BlockStatement(SourceSpan span, SourceSpan openSpan, Expression path, IReadOnlyList<Expression> parameters, HashExpression? hash,
        TemplateProgram? program, TemplateProgram? inverse, StripFlags openStrip, StripFlags inverseStrip, StripFlags closeStrip,
        bool inverted, bool raw, bool chainedElse)
        : base(span)
    {
        OpenSpan = openSpan;
        Path = path;
        Params = NodeLists.Exact(parameters);
        Hash = hash;
        Program = program;
        Inverse = inverse;
        OpenStrip = openStrip;
        InverseStrip = inverseStrip;
        CloseStrip = closeStrip;
        IsInverted = inverted;
        IsRaw = raw;
        IsChainedElse = chainedElse;
    }

    /// <summary>The opening tag alone.</summary>
    public SourceSpan OpenSpan { get; }

    public Expression Path { get; }

    public IReadOnlyList<Expression> Params { get; }

    public HashExpression? Hash { get; }

    /// <summary>The part rendered when the block's condition holds (null for <c>{{^x}}</c> without <c>{{else}}</c>).</summary>
    public TemplateProgram? Program { get; }

    /// <summary>The <c>{{else}}</c> part; for <c>{{^x}}</c>, the body.</summary>
    public TemplateProgram? Inverse { get; }

    public StripFlags OpenStrip { get; }

    public StripFlags InverseStrip { get; }

    public StripFlags CloseStrip { get; internal set; }

    public bool IsInverted { get; }

    public bool IsRaw { get; }

    /// <summary>True for the block created by <c>{{else if ...}}</c> inside another block's inverse.</summary>
    public bool IsChainedElse { get; }

    public IReadOnlyList<string> BlockParams => (IsInverted ? Inverse : Program)?.BlockParams ?? System.Array.Empty<string>();

    public bool IsHelperCall => Params.Count > 0 || Hash is not null;

    /// <summary>What the block calls: a helper, or a value rendered by Handlebars' <c>blockHelperMissing</c>.</summary>
    public CallTarget Call { get; internal set; } = CallTarget.Value;
}

/// <summary><c>{{> name context key=value}}</c>.</summary>
public sealed class PartialStatement : Statement
{
    internal PartialStatement(SourceSpan span, Expression name, IReadOnlyList<Expression> parameters, HashExpression? hash, StripFlags strip)
        : base(span)
    {
        Name = name;
        Params = NodeLists.Exact(parameters);
        Hash = hash;
        Strip = strip;
    }

    /// <summary>A path or literal (static name) or a <see cref="SubExpression"/> (dynamic name).</summary>
    public Expression Name { get; }

    /// <summary>The static partial name, or null for a dynamic partial.</summary>
    public string? StaticName => Name is SubExpression ? null : Name.Original;

    public IReadOnlyList<Expression> Params { get; }

    public HashExpression? Hash { get; }

    public StripFlags Strip { get; }

    /// <summary>Indentation applied to every line of the partial when it stands alone on its line.</summary>
    public string Indent { get; internal set; } = string.Empty;
}

/// <summary><c>{{#> name}}fallback{{/name}}</c>: a partial with a block, rendered when the partial is missing and available as <c>@partial-block</c>.</summary>
public sealed class PartialBlockStatement : Statement
{
    internal PartialBlockStatement(SourceSpan span, SourceSpan openSpan, Expression name, IReadOnlyList<Expression> parameters, HashExpression? hash,
        TemplateProgram program, StripFlags openStrip, StripFlags closeStrip)
        : base(span)
    {
        OpenSpan = openSpan;
        Name = name;
        Params = NodeLists.Exact(parameters);
        Hash = hash;
        Program = program;
        OpenStrip = openStrip;
        CloseStrip = closeStrip;
    }

    public SourceSpan OpenSpan { get; }

    public Expression Name { get; }

    public string? StaticName => Name is SubExpression ? null : Name.Original;

    public IReadOnlyList<Expression> Params { get; }

    public HashExpression? Hash { get; }

    public TemplateProgram Program { get; }

    public StripFlags OpenStrip { get; }

    public StripFlags CloseStrip { get; }
}
