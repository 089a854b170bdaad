using System.Text.RegularExpressions;
using PromptGen.Language.Text;

namespace PromptGen.Language.Templates;

/// <summary>A value expression: path, literal or subexpression.</summary>
public abstract class Expression : TemplateNode
{
    protected Expression(SourceSpan span)
        : base(span)
    {
    }

    /// <summary>The expression as Handlebars names it (a path's text, a literal's text).</summary>
    public abstract string Original { get; }
}

/// <summary><c>name</c>, <c>a.b</c>, <c>a/b</c>, <c>this</c>, <c>../x</c>, <c>@index</c>, <c>@root.x</c>, <c>[odd key]</c>.</summary>
public sealed class PathExpression : Expression
{
    internal PathExpression(SourceSpan span, bool data, int depth, IReadOnlyList<string> parts, string original)
        : base(span)
    {
        IsData = data;
        Depth = depth;
        Parts = parts;
        Original = original;
        IsScoped = IsScopedId(original);
    }

    /// <summary>
    /// Handlebars' scopedId test, <c>/^\.|this\b/</c>: the path starts with <c>.</c> or has <c>this</c> (anywhere) ending
    /// at a word boundary. Decided here for ASCII; a non-ASCII character after <c>this</c> is left to the regular
    /// expression's own idea of a word character, which is only built for such paths.
    /// </summary>
    private static bool IsScopedId(string original)
    {
        if (original.Length > 0 && original[0] == '.') return true;
        for (var at = original.IndexOf("this", StringComparison.Ordinal); at >= 0; at = original.IndexOf("this", at + 1, StringComparison.Ordinal))
        {
            var next = at + 4;
            if (next == original.Length) return true;
            var c = original[next];
            if (c >= 0x80) return ScopedIdExpression.Instance.IsMatch(original);
            if (!(char.IsLetterOrDigit(c) || c == '_')) return true;
        }

        return false;
    }

    /// <summary>Holds the regular expression so it is built on first use, not when paths are first created.</summary>
    private static class ScopedIdExpression
    {
        public static readonly Regex Instance = new(@"^\.|this\b", RegexOptions.CultureInvariant);
    }

    /// <summary>True for <c>@name</c> data variables.</summary>
    public bool IsData { get; }

    /// <summary>Number of leading <c>../</c>.</summary>
    public int Depth { get; }

    /// <summary>The property names after <c>this</c>, <c>./</c> and <c>../</c>; empty for <c>this</c>.</summary>
    public IReadOnlyList<string> Parts { get; }

    public override string Original { get; }

    /// <summary>Starts with <c>.</c> or mentions <c>this</c>: never a helper or block parameter (Handlebars' scopedId).</summary>
    public bool IsScoped { get; }

    /// <summary>A single plain name such as <c>foo</c> (Handlebars' simpleId): the only form that can name a helper.</summary>
    public bool IsSimple => Parts.Count == 1 && !IsScoped && Depth == 0;

    /// <summary>The first part, which names the helper in a helper call.</summary>
    public string? Head => Parts.Count > 0 ? Parts[0] : null;

    /// <summary>
    /// True when the first part names a block parameter in scope (<c>{{#each items as |item|}}{{item.name}}</c>):
    /// it is looked up among the block parameters, not on the context. Set by <see cref="CallResolver"/>.
    /// </summary>
    public bool HeadIsBlockParameter { get; internal set; }

    /// <summary>
    /// What the block parameter this path starts with stands for, looked up in <paramref name="blockParameters"/>
    /// (innermost first, so an inner <c>as |item|</c> hides an outer one); false when the path does not start with a
    /// block parameter.
    /// </summary>
    public bool TryFindBlockParameter<T>(IEnumerable<(string Name, T Value)> blockParameters, out T value)
    {
        if (HeadIsBlockParameter)
        {
            foreach (var (name, candidate) in blockParameters)
            {
                if (name == Parts[0])
                {
                    value = candidate;
                    return true;
                }
            }
        }

        value = default!;
        return false;
    }
}

public sealed class StringLiteral : Expression
{
    internal StringLiteral(SourceSpan span, string value)
        : base(span) => Value = value;

    public string Value { get; }

    public override string Original => Value;
}

public sealed class NumberLiteral : Expression
{
    internal NumberLiteral(SourceSpan span, double value)
        : base(span) => Value = value;

    public double Value { get; }

    public override string Original => Values.JsNumber.ToString(Value);
}

public sealed class BooleanLiteral : Expression
{
    internal BooleanLiteral(SourceSpan span, bool value)
        : base(span) => Value = value;

    public bool Value { get; }

    public override string Original => Value ? "true" : "false";
}

public sealed class NullLiteral : Expression
{
    internal NullLiteral(SourceSpan span)
        : base(span)
    {
    }

    public override string Original => "null";
}

public sealed class UndefinedLiteral : Expression
{
    internal UndefinedLiteral(SourceSpan span)
        : base(span)
    {
    }

    public override string Original => "undefined";
}

/// <summary><c>(helper a b k=v)</c>.</summary>
public sealed class SubExpression : Expression
{
    internal SubExpression(SourceSpan span, Expression path, IReadOnlyList<Expression> parameters, HashExpression? hash)
        : base(span)
    {
        Path = path;
        Params = NodeLists.Exact(parameters);
        Hash = hash;
    }

    public Expression Path { get; }

    public IReadOnlyList<Expression> Params { get; }

    public HashExpression? Hash { get; }

    /// <summary>What the subexpression calls (always a helper unless it names a block parameter).</summary>
    public CallTarget Call { get; internal set; } = CallTarget.Value;

    public override string Original => "(" + Path.Original + ")";
}

/// <summary>The <c>key=value</c> arguments of a call.</summary>
public sealed class HashExpression : TemplateNode
{
    internal HashExpression(SourceSpan span, IReadOnlyList<HashPair> pairs)
        : base(span) => Pairs = NodeLists.Exact(pairs);

    public IReadOnlyList<HashPair> Pairs { get; }

    /// <summary>The pair named <paramref name="key"/>; when the key is repeated, the last one, as when the template renders.</summary>
    public HashPair? Find(string key)
    {
        for (var i = Pairs.Count - 1; i >= 0; i--)
        {
            if (Pairs[i].Key == key) return Pairs[i];
        }

        return null;
    }
}

public sealed class HashPair : TemplateNode
{
    internal HashPair(SourceSpan span, string key, Expression value)
        : base(span)
    {
        Key = key;
        Value = value;
    }

    public string Key { get; }

    public Expression Value { get; }
}
