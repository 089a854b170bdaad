using PromptGen.Language.Text;

namespace PromptGen.Language.Templates;

/// <summary>Any node of a parsed Handlebars template; <see cref="Span"/> is a range of the <c>.prompt</c> file.</summary>
public abstract class TemplateNode
{
    protected TemplateNode(SourceSpan span) => Span = span;

    public SourceSpan Span { get; }
}

/// <summary>The root of a parsed template.</summary>
public sealed class Template : TemplateNode
{
    internal Template(TemplateSource source, TemplateProgram body)
        : base(body.Span)
    {
        Source = source;
        Body = body;
    }

    public TemplateSource Source { get; }

    /// <summary>The top-level statements.</summary>
    public TemplateProgram Body { get; }

    public IReadOnlyList<Statement> Statements => Body.Statements;
}

/// <summary>A list of statements: the template body, a block's body or its <c>{{else}}</c> part.</summary>
public sealed class TemplateProgram : TemplateNode
{
    internal TemplateProgram(SourceSpan span, List<Statement> statements, IReadOnlyList<string> blockParams, bool chained)
        : base(span)
    {
        StatementList = statements;
        BlockParams = blockParams;
        Chained = chained;
    }

    internal List<Statement> StatementList { get; }

    public IReadOnlyList<Statement> Statements => StatementList;

    /// <summary>Names declared with <c>as |a b|</c> on the block that owns this program.</summary>
    public IReadOnlyList<string> BlockParams { get; internal set; }

    /// <summary>True for the inverse of a block whose <c>{{else if ...}}</c> starts a chained block.</summary>
    public bool Chained { get; }
}

/// <summary>The <c>~</c> whitespace-control flags of a tag.</summary>
public readonly struct StripFlags(bool open, bool close)
{
    /// <summary><c>{{~</c>: strip whitespace before the tag.</summary>
    public bool Open { get; } = open;

    /// <summary><c>~}}</c>: strip whitespace after the tag.</summary>
    public bool Close { get; } = close;
}
