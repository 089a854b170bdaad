using PromptGen.Language.Text;

namespace PromptGen.Language.Templates;

/// <summary>
/// Handlebars' lexer, rule for rule (first matching rule wins, as in its Jison lexer), written as a linear
/// scanner. Where Handlebars would stop with a lexical error this records the error and recovers.
/// </summary>
internal sealed class TemplateLexer
{
    private enum State
    {
        Initial,
        Mustache,
        EscapedMustache,
        Comment,
        Raw,
    }

    private readonly string _text;
    private readonly List<State> _states = new() { State.Initial };
    private readonly List<TemplateToken> _tokens;
    private int _position;

    private TemplateLexer(string text)
    {
        _text = text;
        _tokens = new List<TemplateToken>(EstimateTokenCount(text));
    }

    /// <summary>
    /// About five tokens per <c>{{</c> (content before it, the opener, a name or two, the closer) and the end: sized so
    /// the token list seldom grows, since each growth copies it.
    /// </summary>
    private static int EstimateTokenCount(string text)
    {
        var opens = 0;
        for (var at = text.IndexOf("{{", StringComparison.Ordinal); at >= 0; at = text.IndexOf("{{", at + 2, StringComparison.Ordinal)) opens++;
        return (5 * opens) + 2;
    }

    public List<(int Start, int End, string Message)> Errors { get; } = new();

    public static List<TemplateToken> Tokenize(string text, out List<(int Start, int End, string Message)> errors)
    {
        var lexer = new TemplateLexer(text);
        lexer.Run();
        errors = lexer.Errors;
        return lexer._tokens;
    }

    private State Current => _states[_states.Count - 1];

    private void Push(State state) => _states.Add(state);

    private void Pop()
    {
        if (_states.Count > 1) _states.RemoveAt(_states.Count - 1);
    }

    private void Run()
    {
        while (true)
        {
            var before = _position;
            var stateCount = _states.Count;
            var state = Current;
            var done = state switch
            {
                State.Initial => LexInitial(),
                State.EscapedMustache => LexEscaped(),
                State.Comment => LexComment(),
                State.Raw => LexRaw(),
                _ => LexMustache(),
            };
            if (done) break;
            if (_position == before && _states.Count == stateCount && Current == state)
            {
                // Safety net: every rule consumes input or changes state; never loop forever.
                _position++;
            }
        }

        _tokens.Add(new TemplateToken(TokenKind.Eof, _text.Length, _text.Length, string.Empty, string.Empty));
    }

    private void Add(TokenKind kind, int start, int end, string? text = null)
    {
        var raw = Slice(start, end);
        _tokens.Add(new TemplateToken(kind, start, end, raw, text ?? raw));
        _position = end;
    }

    /// <summary>The text of a token; the delimiters every template repeats are shared strings rather than new copies.</summary>
    private string Slice(int start, int end)
    {
        var length = end - start;
        if (length == 2 && _text[start] == _text[start + 1])
        {
            if (_text[start] == '{') return "{{";
            if (_text[start] == '}') return "}}";
        }
        else if (length == 3 && _text[start] == '{' && _text[start + 1] == '{')
        {
            switch (_text[start + 2])
            {
                case '#': return "{{#";
                case '/': return "{{/";
                case '>': return "{{>";
                case '^': return "{{^";
                case '{': return "{{{";
                case '~': return "{{~";
            }
        }
        else if (length == 3 && _text[start + 1] == '}' && _text[start + 2] == '}')
        {
            if (_text[start] == '}') return "}}}";
            if (_text[start] == '~') return "~}}";
        }

        return SharedWords.Slice(_text, start, length);
    }

    /// <summary>
    /// A standalone inverse (<c>{{^}}</c>, <c>{{else}}</c>): when only white space and an optional <c>~</c> stand
    /// between <paramref name="from"/> and <c>}}</c>, adds the token from <paramref name="start"/> through the braces.
    /// </summary>
    private bool TryAddInverse(int start, int from)
    {
        var r = from;
        while (r < _text.Length && JsText.IsWhiteSpace(_text[r])) r++;
        var closeAt = r < _text.Length && _text[r] == '~' ? r + 1 : r;
        if (!StartsWith(closeAt, "}}")) return false;
        Add(TokenKind.Inverse, start, closeAt + 2);
        Pop();
        return true;
    }

    private bool StartsWith(int at, string value) =>
        at + value.Length <= _text.Length && string.CompareOrdinal(_text, at, value, 0, value.Length) == 0;

    private int IndexOfNul(int from, int to)
    {
        var index = _text.IndexOf('\0', from, to - from);
        return index;
    }

    private bool LexInitial()
    {
        if (_position >= _text.Length) return true;
        var open = _text.IndexOf("{{", _position, StringComparison.Ordinal);
        var limit = open < 0 ? _text.Length : open;
        var nul = IndexOfNul(_position, limit);
        if (nul >= 0)
        {
            // Handlebars cannot lex NUL characters at all.
            if (nul > _position) Add(TokenKind.Content, _position, nul);
            Errors.Add((nul, nul + 1, "The template contains a NUL character (U+0000), which Handlebars cannot read; remove it."));
            _position = nul + 1;
            return false;
        }

        if (open < 0)
        {
            Add(TokenKind.Content, _position, _text.Length);
            return false;
        }

        var start = _position;
        var raw = SharedWords.Slice(_text, start, open - start);
        var content = raw;
        if (content.EndsWith("\\\\", StringComparison.Ordinal))
        {
            // "\\{{": a literal backslash, then a real mustache.
            content = content.Substring(0, content.Length - 1);
            Push(State.Mustache);
        }
        else if (content.EndsWith("\\", StringComparison.Ordinal))
        {
            // "\{{": the mustache is literal text.
            content = content.Substring(0, content.Length - 1);
            Push(State.EscapedMustache);
        }
        else
        {
            Push(State.Mustache);
        }

        if (content.Length > 0)
        {
            _tokens.Add(new TemplateToken(TokenKind.Content, start, open, raw, content));
        }

        _position = open;
        return false;
    }

    private bool LexEscaped()
    {
        // [^\x00]{2,}?(?=({{|\\{{|\\\\{{|$))
        var start = _position;
        var end = start + 2;
        if (end > _text.Length)
        {
            Pop();
            return false;
        }

        while (end < _text.Length && !StartsWith(end, "{{") && !StartsWith(end, "\\{{") && !StartsWith(end, "\\\\{{")) end++;
        var nul = IndexOfNul(start, end);
        if (nul >= 0) end = nul;
        Pop();
        if (end > start) Add(TokenKind.Content, start, end);
        return false;
    }

    private bool LexComment()
    {
        // [\s\S]*?--~?}}  (the opening {{!-- is part of the token)
        var start = _position;
        var search = start;
        while (true)
        {
            var dashes = _text.IndexOf("--", search, StringComparison.Ordinal);
            if (dashes < 0)
            {
                Errors.Add((start, Math.Min(_text.Length, start + 5), "This {{!-- comment is never closed; end it with --}}."));
                Add(TokenKind.Comment, start, _text.Length);
                Pop();
                return false;
            }

            if (StartsWith(dashes + 2, "}}"))
            {
                Add(TokenKind.Comment, start, dashes + 4);
                break;
            }

            if (StartsWith(dashes + 2, "~}}"))
            {
                Add(TokenKind.Comment, start, dashes + 5);
                break;
            }

            search = dashes + 1;
        }

        Pop();
        return false;
    }

    private bool LexRaw()
    {
        var start = _position;
        if (start >= _text.Length)
        {
            // The parser reports the unclosed raw block when it reaches the end.
            return true;
        }

        if (StartsWith(start, "{{{{") && start + 4 < _text.Length && _text[start + 4] != '/')
        {
            Push(State.Raw);
            Add(TokenKind.Content, start, start + 4);
            return false;
        }

        if (StartsWith(start, "{{{{/"))
        {
            var nameEnd = start + 5;
            while (nameEnd < _text.Length && JsText.IsIdChar(_text[nameEnd])) nameEnd++;
            if (nameEnd > start + 5 && StartsWith(nameEnd, "}}}}"))
            {
                Pop();
                if (Current == State.Raw)
                {
                    Add(TokenKind.Content, start, nameEnd + 4);
                }
                else
                {
                    Add(TokenKind.EndRawBlock, start, nameEnd + 4, _text.Substring(start + 5, nameEnd - start - 5));
                }

                return false;
            }
        }

        // [^\x00]+?(?={{{{)
        var next = _text.IndexOf("{{{{", start + 1, StringComparison.Ordinal);
        if (next < 0)
        {
            Add(TokenKind.Content, start, _text.Length);
            _states.RemoveRange(1, _states.Count - 1);
            return false;
        }

        Add(TokenKind.Content, start, next);
        return false;
    }

    private bool LexMustache()
    {
        var p = _position;
        if (p >= _text.Length)
        {
            // Rule `$`: EOF inside a tag; the parser reports the unclosed tag.
            _states.RemoveRange(1, _states.Count - 1);
            return true;
        }

        var c = _text[p];
        switch (c)
        {
            case '(':
                Add(TokenKind.OpenSexpr, p, p + 1);
                return false;
            case ')':
                Add(TokenKind.CloseSexpr, p, p + 1);
                return false;
        }

        if (StartsWith(p, "{{{{"))
        {
            Add(TokenKind.OpenRawBlock, p, p + 4);
            return false;
        }

        if (StartsWith(p, "}}}}"))
        {
            Add(TokenKind.CloseRawBlock, p, p + 4);
            Pop();
            Push(State.Raw);
            return false;
        }

        if (StartsWith(p, "{{"))
        {
            LexOpen(p);
            return false;
        }

        if (c == '=')
        {
            Add(TokenKind.Equals, p, p + 1);
            return false;
        }

        if (StartsWith(p, ".."))
        {
            Add(TokenKind.Id, p, p + 2);
            return false;
        }

        if (c == '.' && p + 1 < _text.Length && IsPathLookahead(_text[p + 1]))
        {
            Add(TokenKind.Id, p, p + 1);
            return false;
        }

        if (c == '/' || c == '.')
        {
            Add(TokenKind.Sep, p, p + 1);
            return false;
        }

        if (JsText.IsWhiteSpace(c))
        {
            var end = p;
            while (end < _text.Length && JsText.IsWhiteSpace(_text[end])) end++;
            _position = end;
            return false;
        }

        if (StartsWith(p, "}}}") || StartsWith(p, "}~}}"))
        {
            Add(TokenKind.CloseUnescaped, p, p + (_text[p + 1] == '~' ? 4 : 3));
            Pop();
            return false;
        }

        if (StartsWith(p, "}}") || StartsWith(p, "~}}"))
        {
            Add(TokenKind.Close, p, p + (c == '~' ? 3 : 2));
            Pop();
            return false;
        }

        if (c == '"' || c == '\'')
        {
            if (LexString(p, c)) return false;
        }

        if (c == '@')
        {
            Add(TokenKind.Data, p, p + 1);
            return false;
        }

        if (LexKeyword(p, "true", TokenKind.Boolean) || LexKeyword(p, "false", TokenKind.Boolean) ||
            LexKeyword(p, "undefined", TokenKind.Undefined) || LexKeyword(p, "null", TokenKind.Null) || LexNumber(p))
        {
            return false;
        }

        if (StartsWith(p, "as") && p + 2 < _text.Length && JsText.IsWhiteSpace(_text[p + 2]))
        {
            var end = p + 2;
            while (end < _text.Length && JsText.IsWhiteSpace(_text[end])) end++;
            if (end < _text.Length && _text[end] == '|')
            {
                Add(TokenKind.OpenBlockParams, p, end + 1);
                return false;
            }
        }

        if (c == '|')
        {
            Add(TokenKind.CloseBlockParams, p, p + 1);
            return false;
        }

        if (JsText.IsIdChar(c))
        {
            var end = p;
            while (end < _text.Length && JsText.IsIdChar(_text[end])) end++;
            if (end < _text.Length && IsIdLookahead(_text[end]))
            {
                Add(TokenKind.Id, p, end);
                return false;
            }
        }

        if (c == '[')
        {
            var end = p + 1;
            var lastEscaped = -1;
            while (end < _text.Length && _text[end] != ']')
            {
                if (_text[end] == '\\' && end + 1 < _text.Length && _text[end + 1] == ']')
                {
                    lastEscaped = end + 1;
                    end += 2;
                    continue;
                }

                end++;
            }

            if (end >= _text.Length) end = lastEscaped;
            if (end >= 0)
            {
                var raw = _text.Substring(p, end + 1 - p);
                Add(TokenKind.Id, p, end + 1, UnescapeSegment(raw));
                return false;
            }
        }

        // Rule `.`: one invalid character.
        var length = char.IsHighSurrogate(c) && p + 1 < _text.Length && char.IsLowSurrogate(_text[p + 1]) ? 2 : 1;
        if (c == '\n' || c == '\r') length = 1;
        Add(TokenKind.Invalid, p, p + length);
        return false;
    }

    private static string UnescapeSegment(string raw)
    {
        // \\ and \] inside [...] stand for \ and ].
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && (raw[i + 1] == '\\' || raw[i + 1] == ']'))
            {
                builder.Append(raw[i + 1]);
                i++;
            }
            else
            {
                builder.Append(raw[i]);
            }
        }

        return builder.ToString();
    }

    private void LexOpen(int p)
    {
        var q = p + 2;
        var tilde = q < _text.Length && _text[q] == '~';
        if (tilde) q++;
        var next = q < _text.Length ? _text[q] : '\0';
        if (next == '>')
        {
            Add(TokenKind.OpenPartial, p, q + 1);
            return;
        }

        if (next == '#')
        {
            if (q + 1 < _text.Length && _text[q + 1] == '>')
            {
                Add(TokenKind.OpenPartialBlock, p, q + 2);
                return;
            }

            var end = q + 1 < _text.Length && _text[q + 1] == '*' ? q + 2 : q + 1;
            Add(TokenKind.OpenBlock, p, end);
            return;
        }

        if (next == '/')
        {
            Add(TokenKind.OpenEndBlock, p, q + 1);
            return;
        }

        if (next == '^')
        {
            // {{^}} standalone inverse, else an inverted section.
            if (!TryAddInverse(p, q + 1)) Add(TokenKind.OpenInverse, p, q + 1);
            return;
        }

        // {{~?\s*else\s*~?}} and {{~?\s*else\b
        var s = q;
        while (s < _text.Length && JsText.IsWhiteSpace(_text[s])) s++;
        if (StartsWith(s, "else"))
        {
            var afterElse = s + 4;
            if (TryAddInverse(p, afterElse)) return;
            if (afterElse >= _text.Length || !JsText.IsWordChar(_text[afterElse]))
            {
                Add(TokenKind.OpenInverseChain, p, afterElse);
                return;
            }
        }

        if (next == '{')
        {
            Add(TokenKind.OpenUnescaped, p, q + 1);
            return;
        }

        if (next == '&')
        {
            Add(TokenKind.Open, p, q + 1);
            return;
        }

        if (next == '!')
        {
            if (StartsWith(q + 1, "--"))
            {
                // The opening stays part of the comment token (Handlebars unputs it).
                Pop();
                Push(State.Comment);
                _position = p;
                return;
            }

            var close = _text.IndexOf("}}", q + 1, StringComparison.Ordinal);
            if (close >= 0)
            {
                Add(TokenKind.Comment, p, close + 2);
                Pop();
                return;
            }

            Errors.Add((p, q + 1, "This {{! comment is never closed; end it with }}."));
            Add(TokenKind.Comment, p, _text.Length);
            Pop();
            return;
        }

        Add(TokenKind.Open, p, next == '*' ? q + 1 : q);
    }

    private bool LexString(int p, char quote)
    {
        var end = p + 1;
        var lastEscapedQuote = -1;
        while (end < _text.Length)
        {
            var c = _text[end];
            if (c == '\\' && end + 1 < _text.Length && _text[end + 1] == quote)
            {
                lastEscapedQuote = end + 1;
                end += 2;
                continue;
            }

            if (c == quote) break;
            end++;
        }

        // Like the regex, an unclosed string backtracks to its last escaped quote.
        if (end >= _text.Length) end = lastEscapedQuote;
        if (end < 0) return false;
        var inner = SharedWords.Slice(_text, p + 1, end - p - 1);
        if (inner.IndexOf('\\') >= 0) inner = inner.Replace("\\" + quote, quote.ToString());
        Add(TokenKind.String, p, end + 1, inner);
        return true;
    }

    private bool LexKeyword(int p, string keyword, TokenKind kind)
    {
        var end = p + keyword.Length;
        if (!StartsWith(p, keyword) || end >= _text.Length || !IsLiteralLookahead(_text[end])) return false;
        Add(kind, p, end);
        return true;
    }

    private bool LexNumber(int p)
    {
        var end = p;
        if (end < _text.Length && _text[end] == '-') end++;
        var digitsStart = end;
        while (end < _text.Length && _text[end] >= '0' && _text[end] <= '9') end++;
        if (end == digitsStart) return false;
        if (end + 1 < _text.Length && _text[end] == '.' && _text[end + 1] >= '0' && _text[end + 1] <= '9')
        {
            end++;
            while (end < _text.Length && _text[end] >= '0' && _text[end] <= '9') end++;
        }

        if (end >= _text.Length || !IsLiteralLookahead(_text[end])) return false;
        Add(TokenKind.Number, p, end);
        return true;
    }

    private static bool IsLiteralLookahead(char c) => c == '~' || c == '}' || c == ')' || JsText.IsWhiteSpace(c);

    private static bool IsIdLookahead(char c) =>
        c == '=' || c == '~' || c == '}' || c == '/' || c == '.' || c == ')' || c == '|' || JsText.IsWhiteSpace(c);

    private static bool IsPathLookahead(char c) => IsIdLookahead(c);
}
