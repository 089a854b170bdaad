using PromptGen.Language.Values;

namespace PromptGen;

/// <summary>
/// Tolerant tokenizer/parser for JSON-ish model output: reads one value starting at a position, repairing syntax
/// (comments, trailing commas, single quotes, unquoted keys and values, raw newlines and quotes in strings,
/// truncation) and logging each repair. Linear in the input; recursion is bounded by a depth limit.
/// </summary>
internal sealed class LooseJsonParser
{
    // Open-container lists grown past this (a huge object or array) are not kept for the next parse.
    private const int MaxKeptOpen = 4096;

    private readonly RepairLog _log;
    private readonly StringBuilder _buffer;

    // The members and items of the containers being read, innermost last; each container takes its own off the top
    // as one exact array when it closes (no list per container).
    private readonly List<LooseMember> _openMembers = new();
    private readonly List<LooseNode> _openItems = new();
    private string _text = string.Empty;
    private int _end;
    private int _maxDepth;
    private string[] _knownStrings = Array.Empty<string>();
    private int _pos;

    /// <summary>Creates a parser that logs to <paramref name="log"/>; it can read one candidate after another.</summary>
    /// <param name="log">Where repairs and errors go.</param>
    /// <param name="buffer">Scratch space for strings with escapes or repairs.</param>
    public LooseJsonParser(RepairLog log, StringBuilder buffer)
    {
        _log = log;
        _buffer = buffer;
    }

    private enum Context
    {
        TopLevel,
        ObjectValue,
        ArrayItem,
    }

    /// <summary>
    /// Reads one value from <paramref name="start"/>; null when no value starts there (error logged).
    /// <paramref name="knownStrings"/> are the target shape's property names and enum values: keys and strings equal to
    /// one of them reuse it instead of copying the text.
    /// </summary>
    public LooseNode? Parse(string text, int start, int end, int maxDepth, string[] knownStrings)
    {
        _text = text;
        _pos = start;
        _end = end;
        _maxDepth = maxDepth;
        _knownStrings = knownStrings;
        try
        {
            var node = ParseValue(0, Context.TopLevel);
            if (node is null)
            {
                _log.Fail("no JSON value found");
            }

            return node;
        }
        catch (DepthExceededException)
        {
            _log.Fail($"nesting is deeper than {maxDepth} levels");
            return null;
        }
        finally
        {
            // The parser outlives the parse (it is reused): keep neither the model's text nor what a parse cut short
            // by the depth limit left open, nor the room a huge object or array needed.
            _text = string.Empty;
            Empty(_openMembers);
            Empty(_openItems);
        }
    }

    private LooseNode? ParseValue(int depth, Context context)
    {
        SkipTrivia();
        if (_pos >= _end)
        {
            return null;
        }

        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ParseObject(depth + 1);
            case '[':
                return ParseArray(depth + 1);
            case '"':
            case '\'':
                return ParseString(c, context);
            default:
                if (IsBareStart(c) || context == Context.TopLevel)
                {
                    // At top level anything is a candidate text value (e.g. **positive**); the shape decides.
                    return ParseBare(context);
                }

                return null;
        }
    }

    /// <summary>Starts an object or array at its opening bracket, after checking the nesting limit.</summary>
    private LooseNode OpenContainer(LooseKind kind, int depth)
    {
        if (depth > _maxDepth)
        {
            throw new DepthExceededException();
        }

        var node = new LooseNode(kind, _pos);
        _pos++;
        return node;
    }

    /// <summary>Closes an object: its members are the open members from <paramref name="first"/> on.</summary>
    private LooseNode CloseObject(LooseNode node, int first)
    {
        node.Members = Take(_openMembers, first);
        return node;
    }

    private static void Empty<T>(List<T> open)
    {
        open.Clear();
        if (open.Capacity > MaxKeptOpen)
        {
            open.Capacity = 0;
        }
    }

    private static T[] Take<T>(List<T> open, int first)
    {
        var count = open.Count - first;
        if (count == 0)
        {
            return Array.Empty<T>();
        }

        var taken = new T[count];
        open.CopyTo(first, taken, 0, count);
        open.RemoveRange(first, count);
        return taken;
    }

    private LooseNode ParseObject(int depth)
    {
        var node = OpenContainer(LooseKind.Object, depth);
        var members = _openMembers;
        var first = members.Count;
        var separator = new SeparatorState();
        while (ReadToNextElement(node, members.Count - first, ref separator))
        {
            var c = _text[_pos];

            // Key
            var keyStart = _pos;
            string key;
            if (c == '"' || c == '\'')
            {
                if (c == '\'')
                {
                    _log.Add(PromptRepairKind.SingleQuotes, _pos, 1, "key in single quotes");
                }

                key = ReadQuoted(c, isKey: true);
            }
            else if (IsBareKeyChar(c))
            {
                var startKey = _pos;
                while (_pos < _end && IsBareKeyChar(_text[_pos]))
                {
                    _pos++;
                }

                key = Slice(startKey, _pos - startKey);
                _log.Push(key);
                _log.Add(PromptRepairKind.UnquotedKey, startKey, _pos - startKey, "quoted an unquoted key");
                _log.Pop();
            }
            else if (c is '{' or '[')
            {
                // A value where a key belongs: read it (so nesting limits apply) and drop it.
                var valueStart = _pos;
                var dropped = c == '{' ? ParseObject(depth + 1) : ParseArray(depth + 1);
                _log.Add(PromptRepairKind.SkippedCharacters, valueStart, dropped.End - valueStart, "dropped a value without a key");
                continue;
            }
            else
            {
                var skipped = SkipRun(static ch => ch is '"' or '\'' or '}' or ']' or ',' or '{' or '[' || IsBareKeyChar(ch));
                _log.Add(PromptRepairKind.SkippedCharacters, skipped, _pos - skipped, "skipped characters where a key was expected");
                continue;
            }

            var keyLength = _pos - keyStart;
            SkipTrivia();
            if (_pos >= _end)
            {
                _log.Add(PromptRepairKind.ClosedTruncated, _end, 0, RepairMessages.EndedAfterKey, key);
                node.End = _end;
                return CloseObject(node, first);
            }

            c = _text[_pos];
            if (c == ':' || c == '=')
            {
                if (c == '=')
                {
                    _log.Add(PromptRepairKind.MissingColon, _pos, 1, "read '=' as ':'");
                }

                _pos++;
            }
            else if (c == ',' || c == '}')
            {
                _log.Add(PromptRepairKind.SkippedCharacters, keyStart, keyLength, RepairMessages.KeyWithoutValue, key);
                continue;
            }
            else
            {
                _log.Add(PromptRepairKind.MissingColon, _pos, 0, RepairMessages.MissingColonAfterKey, key);
            }

            _log.Push(key);
            var value = ParseValue(depth, Context.ObjectValue);
            _log.Pop();
            if (value is null)
            {
                if (_pos >= _end)
                {
                    _log.Add(PromptRepairKind.ClosedTruncated, _end, 0, RepairMessages.EndedBeforeValue, key);
                    node.End = _end;
                    return CloseObject(node, first);
                }

                if (_text[_pos] is ',' or '}' or ']')
                {
                    _log.Add(PromptRepairKind.SkippedCharacters, keyStart, keyLength, RepairMessages.KeyWithoutValue, key);
                }
                else
                {
                    var skipped = SkipRun(static ch => ch is '"' or '\'' or '}' or ']' or ',');
                    _log.Add(PromptRepairKind.SkippedCharacters, skipped, _pos - skipped, RepairMessages.SkippedBeforeValue, key);
                }

                continue;
            }

            members.Add(new LooseMember(key, keyStart, keyLength, value));
        }

        return CloseObject(node, first);
    }

    private struct SeparatorState
    {
        public bool AfterComma;
        public int CommaPosition;
    }

    /// <summary>
    /// Reads what stands between the elements of an object or array up to the next element (true) or the end of the
    /// container (false): the end of the text or a closing bracket (either kind closes the container being read),
    /// commas (extra ones dropped), or nothing before an element (a comma inserted). Both container kinds share these
    /// repairs, so they are decided here once.
    /// </summary>
    private bool ReadToNextElement(LooseNode node, int count, ref SeparatorState separator)
    {
        var isObject = node.Kind == LooseKind.Object;
        SkipTrivia();
        while (_pos < _end && _text[_pos] == ',')
        {
            if (count == 0 || separator.AfterComma)
            {
                _log.Add(PromptRepairKind.TrailingComma, _pos, 1, "removed an extra comma");
            }

            separator.AfterComma = true;
            separator.CommaPosition = _pos;
            _pos++;
            SkipTrivia();
        }

        if (_pos >= _end)
        {
            _log.Add(PromptRepairKind.ClosedTruncated, _end, 0, isObject ? "output ended inside an object; closed it" : "output ended inside an array; closed it");
            node.End = _end;
            return false;
        }

        var c = _text[_pos];
        if (c is '}' or ']')
        {
            if (separator.AfterComma)
            {
                _log.Add(PromptRepairKind.TrailingComma, separator.CommaPosition, 1, "removed a trailing comma");
            }

            if (c != (isObject ? '}' : ']'))
            {
                _log.Add(PromptRepairKind.SkippedCharacters, _pos, 1, isObject ? "']' closes an object; read as '}'" : "'}' closes an array; read as ']'");
            }

            _pos++;
            node.End = _pos;
            return false;
        }

        if (!separator.AfterComma && count > 0)
        {
            _log.Add(PromptRepairKind.MissingComma, _pos, 0, isObject ? "inserted a missing comma between members" : "inserted a missing comma between items");
        }

        separator.AfterComma = false;
        return true;
    }

    private LooseNode ParseArray(int depth)
    {
        var node = OpenContainer(LooseKind.Array, depth);
        var items = _openItems;
        var first = items.Count;
        var separator = new SeparatorState();
        while (ReadToNextElement(node, items.Count - first, ref separator))
        {
            _log.Push(items.Count - first);
            var item = ParseValue(depth, Context.ArrayItem);
            _log.Pop();
            if (item is null)
            {
                if (_pos < _end)
                {
                    var skipped = SkipRun(static ch => ch is '"' or '\'' or '{' or '[' or '}' or ']' or ',' || IsBareStart(ch));
                    _log.Add(PromptRepairKind.SkippedCharacters, skipped, _pos - skipped, "skipped characters where an item was expected");
                }

                continue;
            }

            items.Add(item);
        }

        node.Items = Take(items, first);
        return node;
    }

    private LooseNode ParseString(char quote, Context context)
    {
        var node = new LooseNode(LooseKind.String, _pos);
        if (quote == '\'')
        {
            _log.Add(PromptRepairKind.SingleQuotes, _pos, 1, "string in single quotes");
        }

        node.Text = ReadQuoted(quote, isKey: false);
        node.End = _pos;
        return node;
    }

    /// <summary>Reads a quoted string at <see cref="_pos"/> (on the opening quote) and returns its content.</summary>
    private string ReadQuoted(char quote, bool isKey)
    {
        var start = _pos;
        _pos++;

        // Fast path: no escapes, no raw newlines, closed by a quote that clearly ends the string.
        var scan = _pos;
        while (scan < _end)
        {
            var ch = _text[scan];
            if (ch == quote)
            {
                if (IsClosingQuote(scan, isKey))
                {
                    var content = Slice(_pos, scan - _pos);
                    _pos = scan + 1;
                    return content;
                }

                break;
            }

            if (ch == '\\' || ch == '\n' || ch == '\r')
            {
                break;
            }

            scan++;
        }

        var buffer = _buffer;
        buffer.Clear();
        buffer.Append(_text, _pos, scan - _pos);
        _pos = scan;
        var reportedNewline = false;
        var reportedQuote = false;
        while (true)
        {
            if (_pos >= _end)
            {
                _log.Add(PromptRepairKind.ClosedTruncated, _end, 0, isKey ? "output ended inside a key; closed it" : "output ended inside a string; closed it");
                return buffer.ToString();
            }

            var ch = _text[_pos];
            if (ch == quote)
            {
                if (IsClosingQuote(_pos, isKey))
                {
                    _pos++;
                    return buffer.ToString();
                }

                if (!reportedQuote)
                {
                    _log.Add(PromptRepairKind.EscapedQuoteInString, _pos, 1, "escaped a quote inside a string");
                    reportedQuote = true;
                }

                buffer.Append(ch);
                _pos++;
            }
            else if (ch == '\\')
            {
                ReadEscape(buffer, quote);
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (!reportedNewline)
                {
                    _log.Add(PromptRepairKind.EscapedNewlineInString, _pos, 1, "escaped a raw line break inside a string");
                    reportedNewline = true;
                }

                buffer.Append(ch);
                _pos++;
            }
            else
            {
                buffer.Append(ch);
                _pos++;
            }
        }
    }

    private void ReadEscape(StringBuilder buffer, char quote)
    {
        var start = _pos;
        if (_pos + 1 >= _end)
        {
            _pos++;
            return; // truncation is reported by the caller's loop
        }

        var e = _text[_pos + 1];
        _pos += 2;
        if (JsonEscapes.TryDecodeSimple(e, out var decoded))
        {
            buffer.Append(decoded);
            return;
        }

        switch (e)
        {
            case 'u':
                if (_pos + 4 <= _end && TryHex4(_pos, out var code))
                {
                    buffer.Append((char)code);
                    _pos += 4;
                    return;
                }

                break;
            case '\'':
                buffer.Append('\'');
                if (quote != '\'')
                {
                    _log.Add(PromptRepairKind.InvalidEscape, start, 2, "read \\' as '");
                }

                return;
        }

        _log.Add(PromptRepairKind.InvalidEscape, start, 2, $"kept the invalid escape '\\{e}' as text");
        buffer.Append('\\').Append(e);
    }

    private bool TryHex4(int at, out int code)
    {
        code = 0;
        for (var i = 0; i < 4; i++)
        {
            var h = _text[at + i];
            int digit;
            if (h >= '0' && h <= '9')
            {
                digit = h - '0';
            }
            else if (h >= 'a' && h <= 'f')
            {
                digit = h - 'a' + 10;
            }
            else if (h >= 'A' && h <= 'F')
            {
                digit = h - 'A' + 10;
            }
            else
            {
                return false;
            }

            code = (code * 16) + digit;
        }

        return true;
    }

    /// <summary>
    /// Whether the quote at <paramref name="at"/> ends the string. It does when followed by a structural character
    /// (':', '}', ']', a comment, the end, or ',' then something that can start a member or item), or by the start
    /// of a next key (missing comma). Otherwise the quote is content.
    /// </summary>
    private bool IsClosingQuote(int at, bool isKey)
    {
        var j = at + 1;
        var crossedLine = false;
        while (j < _end && _text[j] is ' ' or '\t' or '\n' or '\r')
        {
            crossedLine |= _text[j] == '\n';
            j++;
        }

        if (j >= _end)
        {
            return true;
        }

        var c = _text[j];
        if (isKey)
        {
            // Keys rarely hold quotes: only a quote glued to a following word is content.
            return j > at + 1 || !char.IsLetterOrDigit(c);
        }

        if (c is '}' or ']' or ':')
        {
            return true;
        }

        if ((c == '/' && j + 1 < _end && _text[j + 1] is '/' or '*') || (c == '#' && crossedLine))
        {
            return true; // a comment follows
        }

        if (c is '"' or '\'')
        {
            // Another quoted text: a key (missing comma) when a ':' follows it on the same line.
            var close = j + 1;
            while (close < _end && _text[close] != c && _text[close] != '\n')
            {
                close++;
            }

            return close < _end && _text[close] == c && SkipSpaces(close + 1) is var after && after < _end && _text[after] == ':';
        }

        if (c != ',')
        {
            return crossedLine && IsKeyAhead(j);
        }

        var k = SkipSpaces(j + 1);
        if (k >= _end)
        {
            return true;
        }

        c = _text[k];
        if (!(char.IsLetter(c) || c == '_'))
        {
            return true;
        }

        // A word followed by ':' is an unquoted key; a word followed by ',' ']' '}' is an unquoted item.
        var w = k;
        while (w < _end && IsBareKeyChar(_text[w]))
        {
            w++;
        }

        w = SkipSpaces(w);
        return w >= _end || _text[w] is ':' or ',' or ']' or '}';
    }

    /// <summary>An unquoted key (word then ':') starts at <paramref name="at"/>.</summary>
    private bool IsKeyAhead(int at)
    {
        var w = at;
        while (w < _end && IsBareKeyChar(_text[w]))
        {
            w++;
        }

        if (w == at)
        {
            return false;
        }

        w = SkipSpaces(w);
        return w < _end && _text[w] == ':';
    }

    private int SkipSpaces(int i)
    {
        while (i < _end && _text[i] is ' ' or '\t' or '\n' or '\r')
        {
            i++;
        }

        return i;
    }

    /// <summary>The text at [start, start+length) as a string: a known name or value when it is one, else a copy.</summary>
    private string Slice(int start, int length)
    {
        var span = _text.AsSpan(start, length);
        foreach (var known in _knownStrings)
        {
            if (known.Length == length && span.SequenceEqual(known.AsSpan()))
            {
                return known;
            }
        }

        return _text.Substring(start, length);
    }

    private LooseNode ParseBare(Context context)
    {
        var start = _pos;
        var i = _pos;
        if (context == Context.TopLevel)
        {
            i = _end;
        }
        else
        {
            while (i < _end)
            {
                var ch = _text[i];
                if (ch is ',' or '}' or ']' or '\n' or '\r')
                {
                    break;
                }

                if (ch == '/' && i + 1 < _end && _text[i + 1] is '/' or '*' && i > start && _text[i - 1] is ' ' or '\t')
                {
                    break;
                }

                i++;
            }
        }

        var last = i;
        while (last > start && char.IsWhiteSpace(_text[last - 1]))
        {
            last--;
        }

        _pos = last;
        var node = ClassifyLiteral(_text.AsSpan(start, last - start), start) ?? Classify(_text.Substring(start, last - start), start);
        node.End = last;
        return node;
    }

    /// <summary>A literal (JSON's or another language's spelling of one), without copying the token; else null.</summary>
    private LooseNode? ClassifyLiteral(ReadOnlySpan<char> token, int start)
    {
        switch (token)
        {
            case "true": return new LooseNode(LooseKind.True, start);
            case "false": return new LooseNode(LooseKind.False, start);
            case "null": return new LooseNode(LooseKind.Null, start);
            case "True": return OtherLiteral(LooseKind.True, start, "True", "true");
            case "TRUE": return OtherLiteral(LooseKind.True, start, "TRUE", "true");
            case "False": return OtherLiteral(LooseKind.False, start, "False", "false");
            case "FALSE": return OtherLiteral(LooseKind.False, start, "FALSE", "false");
            case "None": return OtherLiteral(LooseKind.Null, start, "None", "null");
            case "NULL": return OtherLiteral(LooseKind.Null, start, "NULL", "null");
            case "Null": return OtherLiteral(LooseKind.Null, start, "Null", "null");
            case "undefined": return OtherLiteral(LooseKind.Null, start, "undefined", "null");
            case "nil": return OtherLiteral(LooseKind.Null, start, "nil", "null");
            default: return null;
        }
    }

    private LooseNode OtherLiteral(LooseKind kind, int start, string token, string json)
    {
        _log.Add(PromptRepairKind.PythonLiteral, start, token.Length, RepairMessages.LiteralAs, token, json);
        return new LooseNode(kind, start);
    }

    /// <summary>A token that is not a literal: a number (normalized if needed) or an unquoted text value.</summary>
    private LooseNode Classify(string token, int start)
    {
        if (NumberText.IsJsonNumber(token))
        {
            return new LooseNode(LooseKind.Number, start) { Text = token };
        }

        var normalized = NumberText.NormalizeLenient(token);
        if (normalized is not null)
        {
            _log.Add(PromptRepairKind.NonStandardNumber, start, token.Length, RepairMessages.NumberAs, token, normalized);
            return new LooseNode(LooseKind.Number, start) { Text = normalized };
        }

        _log.Add(PromptRepairKind.UnquotedValue, start, token.Length, "quoted an unquoted value");
        return new LooseNode(LooseKind.Bare, start) { Text = token };
    }

    /// <summary>Skips at least one character, then up to the next one that <paramref name="stop"/> accepts.</summary>
    private int SkipRun(Func<char, bool> stop)
    {
        var start = _pos;
        _pos++;
        while (_pos < _end && !stop(_text[_pos]))
        {
            _pos++;
        }

        return start;
    }

    private void SkipTrivia()
    {
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\n' or '\r' or '\uFEFF' or '\u00A0')
            {
                _pos++;
                continue;
            }

            if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '/')
            {
                SkipLineComment();
                continue;
            }

            if (c == '#')
            {
                SkipLineComment();
                continue;
            }

            if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '*')
            {
                var start = _pos;
                var close = _text.IndexOf("*/", _pos + 2, _end - _pos - 2, StringComparison.Ordinal);
                _pos = close < 0 ? _end : close + 2;
                _log.Add(PromptRepairKind.RemovedComment, start, _pos - start, "removed a block comment");
                continue;
            }

            return;
        }
    }

    private void SkipLineComment()
    {
        var start = _pos;
        while (_pos < _end && _text[_pos] != '\n')
        {
            _pos++;
        }

        _log.Add(PromptRepairKind.RemovedComment, start, _pos - start, "removed a line comment");
    }

    private static bool IsBareStart(char c) =>
        char.IsLetterOrDigit(c) || c is '-' or '+' or '.' or '_' or '$' or '€' or '£';

    private static bool IsBareKeyChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '$' or '.';

    private sealed class DepthExceededException : Exception
    {
    }
}
