using PromptGen.Language.Diagnostics;

namespace PromptGen.Language.Templates;

/// <summary>
/// Parses a Handlebars template exactly as Handlebars 4.7 (the engine under the Dotprompt reference runtime) does,
/// including whitespace control, but never throws: every syntax error becomes a PG0201 diagnostic at its place in
/// the file, and parsing goes on to find more.
/// </summary>
public static class TemplateParser
{
    /// <summary>Blocks and subexpressions nested deeper than this are rejected (PG0201) rather than risking a stack overflow.</summary>
    public const int MaxNestingDepth = 512;

    public static TemplateParseResult Parse(string template) => Parse(new TemplateSource(template ?? throw new ArgumentNullException(nameof(template))));

    public static TemplateParseResult Parse(TemplateSource source)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        return StackGuard.Run(() =>
        {
            var parser = new TemplateParserCore(source);
            var template = parser.Run();
            WhitespaceControl.Apply(template.Body);
            CallResolver.Resolve(template);
            return new TemplateParseResult(template, parser.Diagnostics);
        });
    }
}

internal sealed class TemplateParserCore
{
    private const int MaxErrors = 100;

    private readonly TemplateSource _source;
    private readonly List<TemplateToken> _tokens;
    private readonly List<PromptDiagnostic> _diagnostics = new();
    private readonly List<(string Name, TemplateToken Open)> _openBlocks = new();
    private int _index;
    private bool _aborted;
    private int _sexprDepth;

    public TemplateParserCore(TemplateSource source)
    {
        _source = source;
        _tokens = TemplateLexer.Tokenize(source.Text, out var lexErrors);
        foreach (var (start, end, message) in lexErrors) Error(start, end, message);
    }

    public List<PromptDiagnostic> Diagnostics => _diagnostics;

    private TemplateToken Peek => _tokens[_index];

    private TemplateToken PeekAt(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    private TemplateToken Next()
    {
        var token = _tokens[_index];
        if (_index < _tokens.Count - 1) _index++;
        return token;
    }

    public Template Run()
    {
        var statements = new List<Statement>();
        while (true)
        {
            var terminator = ParseStatements(statements, 0);
            if (terminator == TokenKind.Eof) break;
            var stray = Peek;
            switch (terminator)
            {
                case TokenKind.OpenEndBlock:
                    Next();
                    var name = ParseHelperName();
                    var close = ExpectClose(stray, TokenKind.Close);
                    Error(stray.Start, close?.End ?? Peek.Start,
                        $"'{{{{/{name?.Original}}}}}' closes a block that was never opened; remove it or add the matching '{{{{#{name?.Original}}}}}'.");
                    break;
                case TokenKind.Inverse:
                    Next();
                    Error(stray.Start, stray.End, $"'{stray.Raw}' is only allowed inside a block such as '{{{{#if}}}}...{{{{/if}}}}'.");
                    break;
                default:
                    Next();
                    ParseTagBody(stray, false, false, TokenKind.Close);
                    Error(stray.Start, stray.End, "'{{else ...}}' is only allowed inside a block such as '{{#if}}...{{/if}}'.");
                    break;
            }
        }

        var body = new TemplateProgram(_source.GetSpan(0, _source.TemplateLength), statements, Array.Empty<string>(), false);
        return new Template(_source, body);
    }

    private void Error(int start, int end, string message)
    {
        if (_diagnostics.Count > MaxErrors) return;
        if (_diagnostics.Count == MaxErrors)
        {
            message = "Too many template syntax errors; stopped reporting.";
        }

        _diagnostics.Add(new PromptDiagnostic(DiagnosticDescriptors.TemplateSyntaxError, _source.Path, _source.GetSpan(start, Math.Max(start, end)), message));
    }

    /// <summary>Parses statements until a token that ends a program; returns that token's kind without consuming it.</summary>
    private TokenKind ParseStatements(List<Statement> statements, int depth)
    {
        StackGuard.Check();
        while (true)
        {
            if (_aborted) return TokenKind.Eof;
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.Eof:
                case TokenKind.OpenEndBlock:
                case TokenKind.Inverse:
                case TokenKind.OpenInverseChain:
                    return token.Kind;
                case TokenKind.Content:
                    Next();
                    statements.Add(new ContentStatement(_source.GetSpan(token.Start, token.End), token.Text));
                    break;
                case TokenKind.Comment:
                    Next();
                    statements.Add(new CommentStatement(_source.GetSpan(token.Start, token.End), StripComment(token.Raw), new StripFlags(token.OpenTilde, token.CloseTilde)));
                    break;
                case TokenKind.Open:
                case TokenKind.OpenUnescaped:
                    AddIfNotNull(statements, ParseMustache());
                    break;
                case TokenKind.OpenBlock:
                case TokenKind.OpenInverse:
                    AddIfNotNull(statements, ParseBlock(depth));
                    break;
                case TokenKind.OpenPartial:
                    AddIfNotNull(statements, ParsePartial());
                    break;
                case TokenKind.OpenPartialBlock:
                    AddIfNotNull(statements, ParsePartialBlock(depth));
                    break;
                case TokenKind.OpenRawBlock:
                    AddIfNotNull(statements, ParseRawBlock());
                    break;
                default:
                    Next();
                    Error(token.Start, token.End, $"Unexpected '{token.Raw}' outside of a '{{{{...}}}}' tag.");
                    break;
            }
        }
    }

    private static void AddIfNotNull(List<Statement> statements, Statement? statement)
    {
        if (statement is not null) statements.Add(statement);
    }

    private static string StripComment(string raw)
    {
        var start = 2;
        if (start < raw.Length && raw[start] == '~') start++;
        if (start < raw.Length && raw[start] == '!') start++;
        for (var i = 0; i < 2 && start < raw.Length && raw[start] == '-'; i++) start++;
        var end = raw.Length;
        if (raw.EndsWith("}}", StringComparison.Ordinal))
        {
            end -= 2;
            if (end > start && raw[end - 1] == '~') end--;
            for (var i = 0; i < 2 && end > start && raw[end - 1] == '-'; i++) end--;
        }

        return end > start ? raw.Substring(start, end - start) : string.Empty;
    }

    /// <summary>A tag's parts while its statement is built; a struct, since every mustache and block has one.</summary>
    private struct Tag
    {
        public TemplateToken Open;
        public Expression? Path;
        public List<Expression> Params;
        public HashExpression? Hash;
        public List<string>? BlockParams;
        public TemplateToken? Close;

        public readonly int End(TemplateParserCore parser) => Close?.End ?? parser.Peek.Start;

        public readonly StripFlags Strip => new(Open.OpenTilde, Close?.CloseTilde ?? false);
    }

    private Tag ParseTagBody(TemplateToken open, bool partialName, bool allowBlockParams, TokenKind closeKind)
    {
        var tag = new Tag { Open = open, Params = new List<Expression>() };
        if (partialName && Peek.Kind == TokenKind.OpenSexpr)
        {
            tag.Path = ParseSubExpression();
        }
        else
        {
            tag.Path = ParseHelperName();
        }

        if (tag.Path is null)
        {
            var found = Peek;
            if (!IsTagBoundary(found.Kind))
            {
                Error(found.Start, found.End, $"Expected a name after '{open.Raw}' but found '{Describe(found)}'.");
            }

            tag.Close = ExpectClose(open, closeKind);
            return tag;
        }

        while (IsParamStart())
        {
            var parameter = ParseParam();
            if (parameter is null) break;
            tag.Params.Add(parameter);
        }

        var pairs = new List<HashPair>();
        while (Peek.Kind == TokenKind.Id && PeekAt(1).Kind == TokenKind.Equals)
        {
            if (ParseHashPair() is not { } pair) break;
            pairs.Add(pair);
            if (IsParamStart() && !(Peek.Kind == TokenKind.Id && PeekAt(1).Kind == TokenKind.Equals))
            {
                var misplaced = Peek;
                Error(misplaced.Start, misplaced.End, $"Positional argument '{Describe(misplaced)}' must come before the key=value arguments.");
                ParseParam();
            }
        }

        tag.Hash = HashOf(pairs);

        if (Peek.Kind == TokenKind.OpenBlockParams)
        {
            var openParams = Next();
            var names = new List<string>();
            while (Peek.Kind == TokenKind.Id) names.Add(SegmentName(Next()));
            if (Peek.Kind == TokenKind.CloseBlockParams) Next();
            else Error(Peek.Start, Peek.End, $"Expected '|' to end the block parameters but found '{Describe(Peek)}'.");
            if (names.Count == 0) Error(openParams.Start, openParams.End, "'as |...|' must name at least one block parameter, e.g. 'as |item index|'.");
            if (!allowBlockParams) Error(openParams.Start, openParams.End, "Block parameters 'as |x|' are only allowed on block tags such as '{{#each items as |item|}}'.");
            else tag.BlockParams = names;
        }

        tag.Close = ExpectClose(open, closeKind);
        return tag;
    }

    private static bool IsTagBoundary(TokenKind kind) => kind switch
    {
        TokenKind.Close or TokenKind.CloseUnescaped or TokenKind.CloseRawBlock or TokenKind.Eof => true,
        _ => IsStatementStart(kind),
    };

    private static bool IsStatementStart(TokenKind kind) => kind switch
    {
        TokenKind.Content or TokenKind.Comment or TokenKind.Open or TokenKind.OpenUnescaped or TokenKind.OpenBlock or
        TokenKind.OpenInverse or TokenKind.OpenInverseChain or TokenKind.OpenEndBlock or TokenKind.OpenPartial or
        TokenKind.OpenPartialBlock or TokenKind.OpenRawBlock or TokenKind.Inverse or TokenKind.Eof => true,
        _ => false,
    };

    private static string CloseText(TokenKind kind) => kind switch
    {
        TokenKind.CloseUnescaped => "}}}",
        TokenKind.CloseRawBlock => "}}}}",
        _ => "}}",
    };

    /// <summary>Consumes the expected closing token; otherwise reports and skips to the end of the tag.</summary>
    private TemplateToken? ExpectClose(TemplateToken open, TokenKind closeKind)
    {
        if (Peek.Kind == closeKind) return Next();
        var found = Peek;
        if (IsStatementStart(found.Kind))
        {
            Error(open.Start, open.End, $"The tag '{open.Raw}' is never closed: add '{CloseText(closeKind)}'.");
            return null;
        }

        if (found.Kind is TokenKind.Close or TokenKind.CloseUnescaped or TokenKind.CloseRawBlock)
        {
            Error(found.Start, found.End, $"'{open.Raw}' must be closed with '{CloseText(closeKind)}', not '{found.Raw}'.");
            return Next();
        }

        Error(found.Start, found.End, $"Unexpected '{Describe(found)}' in '{open.Raw}...' tag; expected '{CloseText(closeKind)}'.");
        while (true)
        {
            var token = Peek;
            if (IsStatementStart(token.Kind)) return null;
            Next();
            if (token.Kind is TokenKind.Close or TokenKind.CloseUnescaped or TokenKind.CloseRawBlock) return token;
        }
    }

    private static string Describe(TemplateToken token) => token.Kind == TokenKind.Eof ? "end of template" : token.Raw;


    /// <summary>One <c>key=value</c> argument, the reader on its key; null (reported) when the value is missing.</summary>
    private HashPair? ParseHashPair()
    {
        var key = Next();
        Next();
        var value = ParseParam();
        if (value is null)
        {
            Error(Peek.Start, Peek.End, $"Expected a value after '{key.Raw}=' but found '{Describe(Peek)}'.");
            return null;
        }

        return new HashPair(_source.GetSpan(key.Start, value.Span.End - _source.TemplateStart), SegmentName(key), value);
    }

    /// <summary>The hash of a tag or subexpression: its <c>key=value</c> arguments, or null when it has none.</summary>
    private HashExpression? HashOf(List<HashPair> pairs) => pairs.Count == 0
        ? null
        : new HashExpression(_source.GetSpan(pairs[0].Span.Start - _source.TemplateStart, pairs[pairs.Count - 1].Span.End - _source.TemplateStart), pairs);

    private bool IsParamStart()
    {
        switch (Peek.Kind)
        {
            case TokenKind.Id:
                return PeekAt(1).Kind != TokenKind.Equals;
            case TokenKind.Data:
            case TokenKind.String:
            case TokenKind.Number:
            case TokenKind.Boolean:
            case TokenKind.Undefined:
            case TokenKind.Null:
            case TokenKind.OpenSexpr:
                return true;
            default:
                return false;
        }
    }

    private Expression? ParseParam() => Peek.Kind == TokenKind.OpenSexpr ? ParseSubExpression() : ParseHelperName();

    private Expression? ParseSubExpression()
    {
        var open = Next();
        if (_sexprDepth >= TemplateParser.MaxNestingDepth)
        {
            Error(open.Start, open.End, $"Subexpressions are nested more than {TemplateParser.MaxNestingDepth} levels deep.");
            _aborted = true;
            _index = _tokens.Count - 1;
            return null;
        }

        StackGuard.Check();
        _sexprDepth++;
        try
        {
            var path = ParseHelperName();
            if (path is null)
            {
                Error(Peek.Start, Peek.End, $"Expected a helper name after '(' but found '{Describe(Peek)}'.");
                SkipToSexprEnd();
                return null;
            }

            var parameters = new List<Expression>();
            while (IsParamStart())
            {
                var parameter = ParseParam();
                if (parameter is null) break;
                parameters.Add(parameter);
            }

            var pairs = new List<HashPair>();
            while (Peek.Kind == TokenKind.Id && PeekAt(1).Kind == TokenKind.Equals)
            {
                if (ParseHashPair() is not { } pair) break;
                pairs.Add(pair);
            }

            var hash = HashOf(pairs);
            int end;
            if (Peek.Kind == TokenKind.CloseSexpr)
            {
                end = Next().End;
            }
            else
            {
                Error(Peek.Start, Peek.End, $"Expected ')' to close the subexpression '({path.Original} ...' but found '{Describe(Peek)}'.");
                end = Peek.Start;
                SkipToSexprEnd();
            }

            return new SubExpression(_source.GetSpan(open.Start, Math.Max(open.Start, end)), path, parameters, hash);
        }
        finally
        {
            _sexprDepth--;
        }
    }

    private void SkipToSexprEnd()
    {
        while (!IsTagBoundary(Peek.Kind) && Peek.Kind != TokenKind.CloseSexpr) Next();
        if (Peek.Kind == TokenKind.CloseSexpr) Next();
    }

    private static string SegmentName(TemplateToken token)
    {
        // Handlebars' id(): [literal segment] loses its brackets.
        var text = token.Text;
        if (text.Length >= 2 && text[0] == '[' && text[text.Length - 1] == ']') return text.Substring(1, text.Length - 2);
        return text;
    }

    private Expression? ParseHelperName()
    {
        var token = Peek;
        var span = _source.GetSpan(token.Start, token.End);
        switch (token.Kind)
        {
            case TokenKind.Id:
                return ParsePath(false, token.Start);
            case TokenKind.Data:
                Next();
                if (Peek.Kind != TokenKind.Id)
                {
                    Error(token.Start, Peek.End, $"Expected a data variable name after '@' (e.g. '@index') but found '{Describe(Peek)}'.");
                    return null;
                }

                return ParsePath(true, token.Start);
            case TokenKind.String:
                Next();
                return new StringLiteral(span, token.Text);
            case TokenKind.Number:
                Next();
                return new NumberLiteral(span, double.Parse(token.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture));
            case TokenKind.Boolean:
                Next();
                return new BooleanLiteral(span, token.Text == "true");
            case TokenKind.Undefined:
                Next();
                return new UndefinedLiteral(span);
            case TokenKind.Null:
                Next();
                return new NullLiteral(span);
            default:
                return null;
        }
    }

    private PathExpression ParsePath(bool data, int start)
    {
        var first = Next();
        if (Peek.Kind != TokenKind.Sep) return ParseSimplePath(data, start, first);
        var segments = new List<(string Part, bool Literal, string Separator)>();
        segments.Add((SegmentName(first), first.Text != SegmentName(first), string.Empty));
        var end = first.End;
        while (Peek.Kind == TokenKind.Sep)
        {
            var separator = Next();
            if (Peek.Kind != TokenKind.Id)
            {
                Error(separator.Start, separator.End, $"Expected a name after '{separator.Raw}' in a path but found '{Describe(Peek)}'.");
                end = separator.End;
                break;
            }

            var segment = Next();
            segments.Add((SegmentName(segment), segment.Text != SegmentName(segment), separator.Raw));
            end = segment.End;
        }

        // Handlebars' preparePath: this, . and .. only at the start of a path.
        var original = data ? "@" : string.Empty;
        var parts = new List<string>();
        var depth = 0;
        var reported = false;
        foreach (var (part, literal, separator) in segments)
        {
            original += separator + part;
            if (!literal && (part == ".." || part == "." || part == "this"))
            {
                if (parts.Count > 0)
                {
                    if (!reported) Error(start, end, $"Invalid path '{original}': '{part}' may only appear at the start of a path.");
                    reported = true;
                }
                else if (part == "..")
                {
                    depth++;
                }
            }
            else
            {
                parts.Add(part);
            }
        }

        return new PathExpression(_source.GetSpan(start, end), data, depth, parts, original);
    }

    /// <summary>
    /// A path of one segment (most are: <c>name</c>, <c>this</c>, <c>@index</c>), as <see cref="ParsePath"/> reads it
    /// without its lists: <c>this</c>, <c>.</c> or <c>..</c> leave no part, and an error cannot arise.
    /// </summary>
    private PathExpression ParseSimplePath(bool data, int start, TemplateToken token)
    {
        var part = SegmentName(token);
        var literal = token.Text != part;
        var depth = 0;
        IReadOnlyList<string> parts;
        if (!literal && (part == ".." || part == "." || part == "this"))
        {
            parts = Array.Empty<string>();
            if (part == "..") depth = 1;
        }
        else
        {
            parts = new[] { part };
        }

        return new PathExpression(_source.GetSpan(start, token.End), data, depth, parts, data ? "@" + part : part);
    }

    private Statement? ParseMustache()
    {
        var open = Next();
        if (open.Raw.IndexOf('*') >= 0)
        {
            Error(open.Start, open.End, "Handlebars decorators ('{{* ...}}') are not supported by Dotprompt.");
        }

        var tag = ParseTagBody(open, false, false, open.Kind == TokenKind.OpenUnescaped ? TokenKind.CloseUnescaped : TokenKind.Close);
        if (tag.Path is null) return null;
        var flag = open.Raw.Length > 3 ? open.Raw[3] : open.Raw.Length > 2 ? open.Raw[2] : '\0';
        var escaped = flag != '{' && flag != '&';
        return new MustacheStatement(_source.GetSpan(open.Start, tag.End(this)), tag.Path, tag.Params, tag.Hash, escaped, tag.Strip);
    }

    private Statement? ParsePartial()
    {
        var open = Next();
        var tag = ParseTagBody(open, true, false, TokenKind.Close);
        if (tag.Path is null) return null;
        if (tag.Params.Count > 1)
        {
            Error(tag.Params[1].Span.Start - _source.TemplateStart, tag.Params[tag.Params.Count - 1].Span.End - _source.TemplateStart,
                $"A partial takes at most one context argument, found {tag.Params.Count}; pass the others as key=value.");
        }

        return new PartialStatement(_source.GetSpan(open.Start, tag.End(this)), tag.Path, tag.Params, tag.Hash, tag.Strip);
    }

    private bool CheckDepth(TemplateToken open, int depth)
    {
        if (depth < TemplateParser.MaxNestingDepth) return true;
        Error(open.Start, open.End, $"Blocks are nested more than {TemplateParser.MaxNestingDepth} levels deep; flatten the template.");
        _aborted = true;
        _index = _tokens.Count - 1;
        return false;
    }

    private Statement? ParsePartialBlock(int depth)
    {
        var open = Next();
        if (!CheckDepth(open, depth)) return null;
        var tag = ParseTagBody(open, true, false, TokenKind.Close);
        var name = tag.Path?.Original ?? string.Empty;
        var statements = new List<Statement>();
        var bodyStart = tag.End(this);
        _openBlocks.Add((name, open));
        var terminator = ParseStatements(statements, depth + 1);
        while (terminator is TokenKind.Inverse or TokenKind.OpenInverseChain)
        {
            var stray = Next();
            if (terminator == TokenKind.OpenInverseChain) ParseTagBody(stray, false, false, TokenKind.Close);
            Error(stray.Start, stray.End, "'{{else}}' is not allowed inside a partial block '{{#> ...}}'.");
            terminator = ParseStatements(statements, depth + 1);
        }

        _openBlocks.RemoveAt(_openBlocks.Count - 1);
        var program = new TemplateProgram(_source.GetSpan(bodyStart, Math.Max(bodyStart, Peek.Start)), statements, Array.Empty<string>(), false);
        var closeStrip = ParseCloseTag(open, name, out var end);
        if (tag.Path is null) return null;
        return new PartialBlockStatement(_source.GetSpan(open.Start, end), _source.GetSpan(open.Start, tag.End(this)), tag.Path, tag.Params, tag.Hash, program, tag.Strip, closeStrip);
    }

    private Statement? ParseRawBlock()
    {
        var open = Next();
        var tag = ParseTagBody(open, false, false, TokenKind.CloseRawBlock);
        var statements = new List<Statement>();
        var bodyStart = tag.End(this);
        while (Peek.Kind == TokenKind.Content)
        {
            var content = Next();
            statements.Add(new ContentStatement(_source.GetSpan(content.Start, content.End), content.Text));
        }

        var program = new TemplateProgram(_source.GetSpan(bodyStart, Math.Max(bodyStart, Peek.Start)), statements, Array.Empty<string>(), false);
        var end = Peek.End;
        if (Peek.Kind == TokenKind.EndRawBlock)
        {
            var close = Next();
            if (tag.Path is not null && close.Text != tag.Path.Original)
            {
                Error(close.Start, close.End, $"'{{{{{{{{/{close.Text}}}}}}}}}' does not match the raw block '{{{{{{{{{tag.Path.Original}}}}}}}}}' opened at line {_source.GetSpan(open.Start, open.End).StartLine}.");
            }
        }
        else
        {
            Error(open.Start, open.End, $"The raw block '{{{{{{{{{tag.Path?.Original}}}}}}}}}' is never closed; add '{{{{{{{{/{tag.Path?.Original}}}}}}}}}'.");
            end = Peek.Start;
        }

        if (tag.Path is null) return null;
        return new BlockStatement(_source.GetSpan(open.Start, end), _source.GetSpan(open.Start, tag.End(this)), tag.Path, tag.Params, tag.Hash,
            program, null, default, default, default, inverted: false, raw: true, chainedElse: false);
    }

    private Statement? ParseBlock(int depth)
    {
        var open = Next();
        if (!CheckDepth(open, depth)) return null;
        var inverted = open.Kind == TokenKind.OpenInverse;
        if (open.Raw.IndexOf('*') >= 0)
        {
            Error(open.Start, open.End, "Handlebars decorators such as '{{#*inline}}' are not supported by Dotprompt.");
        }

        var tag = ParseTagBody(open, false, true, TokenKind.Close);
        var name = tag.Path?.Original ?? string.Empty;
        _openBlocks.Add((name, open));
        var body = ParseBody(tag, depth, out var inverse, out var inverseStrip, allowChain: !inverted);
        _openBlocks.RemoveAt(_openBlocks.Count - 1);
        var closeStrip = ParseCloseTag(open, name, out var end);
        if (inverse is { Chained: true } && inverse.Statements.Count == 1 && inverse.Statements[0] is BlockStatement chained)
        {
            // Handlebars gives the first chained block the real close tag's flags.
            chained.CloseStrip = closeStrip;
        }

        if (tag.Path is null) return null;
        var program = body;
        if (inverted)
        {
            program = inverse;
            inverse = body;
        }

        return new BlockStatement(_source.GetSpan(open.Start, end), _source.GetSpan(open.Start, tag.End(this)), tag.Path, tag.Params, tag.Hash,
            program, inverse, tag.Strip, inverseStrip, closeStrip, inverted, raw: false, chainedElse: false);
    }

    /// <summary>Parses a block's body and its else part, stopping before the close tag.</summary>
    private TemplateProgram ParseBody(Tag tag, int depth, out TemplateProgram? inverse, out StripFlags inverseStrip, bool allowChain)
    {
        var statements = new List<Statement>();
        var bodyStart = tag.End(this);
        var terminator = ParseStatements(statements, depth + 1);
        var body = new TemplateProgram(_source.GetSpan(bodyStart, Math.Max(bodyStart, Peek.Start)), statements,
            (IReadOnlyList<string>?)tag.BlockParams ?? Array.Empty<string>(), false);
        inverse = null;
        inverseStrip = default;
        if (terminator == TokenKind.Inverse)
        {
            var elseToken = Next();
            inverseStrip = new StripFlags(elseToken.OpenTilde, elseToken.CloseTilde);
            var elseStatements = new List<Statement>();
            var elseTerminator = ParseStatements(elseStatements, depth + 1);
            while (elseTerminator is TokenKind.Inverse or TokenKind.OpenInverseChain)
            {
                var stray = Next();
                if (elseTerminator == TokenKind.OpenInverseChain) ParseTagBody(stray, false, true, TokenKind.Close);
                Error(stray.Start, stray.End, $"A block has only one '{{{{else}}}}': '{stray.Raw}...' comes after '{{{{else}}}}' at line {_source.GetSpan(elseToken.Start, elseToken.End).StartLine}.");
                elseTerminator = ParseStatements(elseStatements, depth + 1);
            }

            inverse = new TemplateProgram(_source.GetSpan(elseToken.End, Math.Max(elseToken.End, Peek.Start)), elseStatements, Array.Empty<string>(), false);
        }
        else if (terminator == TokenKind.OpenInverseChain)
        {
            var chainOpen = Peek;
            if (!allowChain)
            {
                Error(chainOpen.Start, chainOpen.End, "'{{else if ...}}' cannot follow an inverted section '{{^...}}'; use '{{else}}'.");
            }

            var chained = ParseChain(depth + 1, out inverseStrip);
            if (chained is not null)
            {
                inverse = new TemplateProgram(chained.Span, new List<Statement> { chained }, Array.Empty<string>(), chained: true);
            }
        }

        return body;
    }

    /// <summary>Parses <c>{{else name args}}...</c>: a block nested in the inverse of the one before.</summary>
    private BlockStatement? ParseChain(int depth, out StripFlags chainStrip)
    {
        var open = Next();
        chainStrip = new StripFlags(open.OpenTilde, false);
        if (!CheckDepth(open, depth)) return null;
        var tag = ParseTagBody(open, false, true, TokenKind.Close);
        chainStrip = tag.Strip;
        var body = ParseBody(tag, depth, out var inverse, out var inverseStrip, allowChain: true);
        if (inverse is { Chained: true } && inverse.Statements.Count == 1 && inverse.Statements[0] is BlockStatement nested)
        {
            // Deeper chained blocks get their own opening flags as close flags (as Handlebars' grammar does).
            nested.CloseStrip = inverseStrip;
        }

        if (tag.Path is null) return null;
        return new BlockStatement(_source.GetSpan(open.Start, Math.Max(open.Start, Peek.Start)), _source.GetSpan(open.Start, tag.End(this)), tag.Path,
            tag.Params, tag.Hash, body, inverse, tag.Strip, inverseStrip, default, inverted: false, raw: false, chainedElse: true);
    }

    /// <summary>Parses <c>{{/name}}</c> for the block opened by <paramref name="open"/>.</summary>
    private StripFlags ParseCloseTag(TemplateToken open, string name, out int end)
    {
        end = Peek.Start;
        if (_aborted) return default;
        if (Peek.Kind != TokenKind.OpenEndBlock)
        {
            Error(open.Start, open.End, $"'{open.Raw}{name}...' is never closed; add '{{{{/{name}}}}}'.");
            return default;
        }

        var closeIndex = _index;
        var closeOpen = Next();
        var closeName = ParseHelperName();
        var close = ExpectClose(closeOpen, TokenKind.Close);
        var closeEnd = close?.End ?? Peek.Start;
        var closeText = closeName?.Original ?? string.Empty;
        if (closeText == name)
        {
            end = closeEnd;
            return new StripFlags(closeOpen.OpenTilde, close?.CloseTilde ?? false);
        }

        for (var i = _openBlocks.Count - 1; i >= 0; i--)
        {
            if (_openBlocks[i].Name == closeText)
            {
                // The close belongs to an outer block: this one was left open.
                Error(open.Start, open.End, $"'{open.Raw}{name}...' is never closed; add '{{{{/{name}}}}}' before '{{{{/{closeText}}}}}'.");
                _index = closeIndex;
                return default;
            }
        }

        var line = _source.GetSpan(open.Start, open.End).StartLine;
        Error(closeOpen.Start, closeEnd, $"'{{{{/{closeText}}}}}' does not match '{open.Raw}{name}...' opened at line {line}; use '{{{{/{name}}}}}'.");
        end = closeEnd;
        return new StripFlags(closeOpen.OpenTilde, close?.CloseTilde ?? false);
    }
}
