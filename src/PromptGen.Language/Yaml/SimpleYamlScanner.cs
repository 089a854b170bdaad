using PromptGen.Language.Text;

namespace PromptGen.Language.Yaml;

/// <summary>
/// Recognises the plain YAML most frontmatter is written in and lists its parser events, so such documents need not go
/// through YamlDotNet's general scanner and parser: block mappings and sequences laid out by indentation with spaces,
/// one-line plain, single-quoted and double-quoted scalars (simple escapes only), one-line flow sequences of such
/// scalars, comments and blank lines. It gives up on everything else (anchors, aliases, tags, block scalars, multi-line
/// scalars, flow mappings, nested flow, explicit keys, directives, document markers, tabs, unusual indentation or
/// characters, anything malformed) before any node is built, and the reader then uses the full parser, so unusual
/// documents and every error behave exactly as they do there. The events carry the offsets YamlDotNet's events carry.
/// </summary>
internal sealed class SimpleYamlScanner
{
    /// <summary>Deeper documents are left to the full parser, which enforces the reader's nesting limit.</summary>
    private const int MaxDepth = 50;

    /// <summary>YAML limits implicit keys to 1024 characters; longer ones are left to the full parser.</summary>
    private const int MaxImplicitKeyLength = 1024;

    /// <summary>Characters that mean something at the start of a YAML node, so a plain scalar cannot start with them.</summary>
    private const string Indicators = "-?:,[]{}#&*!|>'\"%@`";

    private readonly string _text;
    private readonly int _end;
    private readonly List<SimpleYamlEvent> _events;
    private int _position;
    private int _lineStart;
    private int _indent;
    private bool _hasContent;
    private int _depth;

    private SimpleYamlScanner(string text, int start, int end, List<SimpleYamlEvent> events)
    {
        _text = text;
        _position = start;
        _end = end;
        _events = events;
    }

    /// <summary>
    /// Lists the events of <c>text[start..start+length)</c> into <paramref name="events"/>; false (with the list in any
    /// state) when the text is outside the simple subset.
    /// </summary>
    public static bool TryScan(string text, int start, int length, List<SimpleYamlEvent> events)
    {
        events.Clear();
        if (!HasOnlySimpleCharacters(text, start, start + length)) return false;
        var scanner = new SimpleYamlScanner(text, start, start + length, events);
        return scanner.ScanDocument();
    }

    /// <summary>The value of a scalar event: its text without quotes, escapes decoded.</summary>
    public static string ScalarText(string text, SimpleYamlEvent scalar)
    {
        switch (scalar.Kind)
        {
            case SimpleYamlEventKind.SingleQuotedScalar:
                var single = text.Substring(scalar.Start + 1, scalar.End - scalar.Start - 2);
                return single.IndexOf('\'') < 0 ? single : single.Replace("''", "'");
            case SimpleYamlEventKind.DoubleQuotedScalar:
                var contentStart = scalar.Start + 1;
                var contentEnd = scalar.End - 1;
                var firstEscape = text.IndexOf('\\', contentStart, contentEnd - contentStart);
                if (firstEscape < 0) return SharedWords.Slice(text, contentStart, contentEnd - contentStart);
                var builder = new System.Text.StringBuilder(contentEnd - contentStart);
                for (var i = contentStart; i < contentEnd; i++)
                {
                    var c = text[i];
                    if (c == '\\') c = (char)SimpleEscape(text[++i]);
                    builder.Append(c);
                }

                return builder.ToString();
            default:
                return SharedWords.Slice(text, scalar.Start, scalar.End - scalar.Start);
        }
    }

    /// <summary>The character a double-quoted escape <c>\c</c> stands for, or -1 for escapes left to the full parser.</summary>
    private static int SimpleEscape(char c) => c switch
    {
        '\\' => '\\',
        '"' => '"',
        '/' => '/',
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'b' => '\b',
        'f' => '\f',
        '0' => '\0',
        _ => -1,
    };

    /// <summary>
    /// No tabs, no control or special characters, only <c>\n</c> and <c>\r\n</c> line breaks, paired surrogates, and no
    /// line starting with a document marker.
    /// </summary>
    private static bool HasOnlySimpleCharacters(string text, int start, int end)
    {
        var lineStart = start;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (i == lineStart && (c == '-' || c == '.') && IsDocumentMarker(text, i, end)) return false;
            if (c >= ' ' && c < 0x7F) continue;
            if (c == '\n')
            {
                lineStart = i + 1;
                continue;
            }

            if (c == '\r')
            {
                if (i + 1 >= end || text[i + 1] != '\n') return false;
                continue;
            }

            if (c < 0xA0 || c == '\u2028' || c == '\u2029' || c == '\uFEFF' || c >= '\uFFFE') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= end || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
                continue;
            }

            if (char.IsLowSurrogate(c)) return false;
        }

        return true;
    }

    private static bool IsDocumentMarker(string text, int i, int end) =>
        i + 2 < end && text[i + 1] == text[i] && text[i + 2] == text[i];

    private bool ScanDocument()
    {
        // An empty document (nothing but comments) is rare and left to the full parser.
        if (!SkipToContent()) return false;
        return ScanBlockCollection(_indent) && !_hasContent;
    }

    /// <summary>A block mapping or sequence whose first line's content is at <c>_position</c>, at <paramref name="column"/>.</summary>
    private bool ScanBlockCollection(int column) =>
        IsEntryIndicator(_position) ? ScanBlockSequence(column, indentless: false) : ScanBlockMapping(column);

    private bool ScanBlockMapping(int column)
    {
        if (++_depth > MaxDepth) return false;
        Add(SimpleYamlEventKind.BlockMappingStart, _position, _position);
        while (true)
        {
            if (!TryReadKey(_position, out var kind, out var keyEnd, out var afterColon)) return false;
            Add(kind, _position, keyEnd);
            _position = afterColon;
            SkipSpaces();
            if (AtLineEnd())
            {
                if (!EndLine()) return false;
                if (_hasContent && _indent > column)
                {
                    if (!ScanBlockCollection(_indent)) return false;
                }
                else if (_hasContent && _indent == column && IsEntryIndicator(_position))
                {
                    if (!ScanBlockSequence(column, indentless: true)) return false;
                }
                else
                {
                    // YamlDotNet puts an absent value just after the key's colon.
                    Add(SimpleYamlEventKind.PlainScalar, afterColon, afterColon);
                }
            }
            else if (!ScanInlineValue() || !EndLine())
            {
                return false;
            }

            if (!_hasContent || _indent < column) break;
            if (_indent > column || IsEntryIndicator(_position)) return false;
        }

        Add(SimpleYamlEventKind.CollectionEnd, _position, _position);
        _depth--;
        return true;
    }

    /// <param name="column">The column of the sequence's dashes.</param>
    /// <param name="indentless">True for a sequence that is a mapping value written at the mapping's own indentation.</param>
    private bool ScanBlockSequence(int column, bool indentless)
    {
        if (++_depth > MaxDepth) return false;
        Add(SimpleYamlEventKind.BlockSequenceStart, _position, _position);
        while (true)
        {
            var afterDash = ++_position;
            SkipSpaces();
            if (AtLineEnd())
            {
                if (!EndLine()) return false;
                if (_hasContent && _indent > column)
                {
                    if (!ScanBlockCollection(_indent)) return false;
                }
                else
                {
                    // YamlDotNet puts an absent item just after its dash.
                    Add(SimpleYamlEventKind.PlainScalar, afterDash, afterDash);
                }
            }
            else if (IsEntryIndicator(_position))
            {
                // "- - a": a sequence in a sequence on one line.
                return false;
            }
            else if (TryReadKey(_position, out _, out _, out _))
            {
                if (!ScanBlockMapping(_position - _lineStart)) return false;
            }
            else if (!ScanInlineValue() || !EndLine())
            {
                return false;
            }

            if (!_hasContent || _indent < column) break;
            if (_indent > column) return false;
            if (!IsEntryIndicator(_position))
            {
                if (indentless) break;
                return false;
            }
        }

        Add(SimpleYamlEventKind.CollectionEnd, _position, _position);
        _depth--;
        return true;
    }

    /// <summary>A value on the same line as its key or dash: a scalar or a flow sequence.</summary>
    private bool ScanInlineValue()
    {
        var c = _text[_position];
        if (c == '[') return ScanFlowSequence();
        if (c == '\'' || c == '"')
        {
            if (!TryReadQuoted(_position, out var quotedEnd)) return false;
            Add(c == '\'' ? SimpleYamlEventKind.SingleQuotedScalar : SimpleYamlEventKind.DoubleQuotedScalar, _position, quotedEnd);
            _position = quotedEnd;
            return true;
        }

        if (!CanStartPlain(_position)) return false;
        var stop = ReadPlain(_position, flow: false, out var plainEnd);
        if (stop < 0 || (stop < _end && _text[stop] == ':')) return false;
        Add(SimpleYamlEventKind.PlainScalar, _position, plainEnd);
        _position = plainEnd;
        return true;
    }

    /// <summary><c>[a, 'b', "c"]</c> on one line.</summary>
    private bool ScanFlowSequence()
    {
        if (++_depth > MaxDepth) return false;
        Add(SimpleYamlEventKind.FlowSequenceStart, _position, _position);
        _position++;
        SkipSpaces();
        if (_position < _end && _text[_position] == ']') return CloseFlowSequence();
        while (true)
        {
            if (_position >= _end) return false;
            var c = _text[_position];
            if (c == '\'' || c == '"')
            {
                if (!TryReadQuoted(_position, out var quotedEnd)) return false;
                Add(c == '\'' ? SimpleYamlEventKind.SingleQuotedScalar : SimpleYamlEventKind.DoubleQuotedScalar, _position, quotedEnd);
                _position = quotedEnd;
            }
            else
            {
                if (!CanStartPlain(_position)) return false;
                var stop = ReadPlain(_position, flow: true, out var plainEnd);
                if (stop < 0) return false;
                Add(SimpleYamlEventKind.PlainScalar, _position, plainEnd);
                _position = plainEnd;
            }

            SkipSpaces();
            if (_position >= _end) return false;
            if (_text[_position] == ']') return CloseFlowSequence();
            if (_text[_position] != ',') return false;
            _position++;
            SkipSpaces();

            // A trailing comma or an empty entry is left to the full parser.
            if (_position >= _end || _text[_position] == ']' || _text[_position] == ',') return false;
        }
    }

    private bool CloseFlowSequence()
    {
        Add(SimpleYamlEventKind.CollectionEnd, _position, _position);
        _position++;
        _depth--;
        return true;
    }

    /// <summary>
    /// Whether a plain or quoted key followed by <c>: </c> (or a colon at the end of the line) starts at
    /// <paramref name="start"/>; gives the key's style, its end and the position after the colon.
    /// </summary>
    private bool TryReadKey(int start, out SimpleYamlEventKind kind, out int keyEnd, out int afterColon)
    {
        kind = SimpleYamlEventKind.PlainScalar;
        afterColon = keyEnd = start;
        int colon;
        var c = _text[start];
        if (c == '\'' || c == '"')
        {
            if (!TryReadQuoted(start, out keyEnd)) return false;
            kind = c == '\'' ? SimpleYamlEventKind.SingleQuotedScalar : SimpleYamlEventKind.DoubleQuotedScalar;
            colon = keyEnd;
            if (colon >= _end || _text[colon] != ':' || !IsSpaceOrLineEnd(colon + 1)) return false;
        }
        else
        {
            if (!CanStartPlain(start)) return false;
            colon = ReadPlain(start, flow: false, out keyEnd);
            if (colon < 0 || colon >= _end || _text[colon] != ':') return false;
        }

        if (keyEnd - start > MaxImplicitKeyLength) return false;
        afterColon = colon + 1;
        return true;
    }

    /// <summary>
    /// Reads a one-line plain scalar from <paramref name="start"/>: returns where it stops (a <c>: </c>, a comment, the
    /// line's end or, in a flow sequence, a comma or bracket) or -1 where the full parser must decide; <paramref name="end"/>
    /// is the end of its text without trailing spaces.
    /// </summary>
    private int ReadPlain(int start, bool flow, out int end)
    {
        var i = start;
        while (i < _end)
        {
            var c = _text[i];
            if (c == '\n' || c == '\r') break;
            if (c == ':' && (flow || IsSpaceOrLineEnd(i + 1))) break;
            if (c == '#' && _text[i - 1] == ' ') break;
            if (flow && (c == ',' || c == ']')) break;
            if (flow && (c == '[' || c == '{' || c == '}')) break;
            i++;
        }

        end = i;
        while (end > start && _text[end - 1] == ' ') end--;
        if (!flow) return i;

        // In a flow sequence only a comma or the closing bracket may end an item on the same line.
        return i < _end && (_text[i] == ',' || _text[i] == ']') ? i : -1;
    }

    /// <summary>A quoted scalar closed on its own line, with only simple escapes; <paramref name="end"/> is after the closing quote.</summary>
    private bool TryReadQuoted(int start, out int end)
    {
        var quote = _text[start];
        for (var i = start + 1; i < _end; i++)
        {
            var c = _text[i];
            if (c == '\n' || c == '\r') break;
            if (quote == '\'' && c == '\'')
            {
                if (i + 1 < _end && _text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                end = i + 1;
                return true;
            }

            if (quote == '"' && c == '\\')
            {
                if (i + 1 >= _end || SimpleEscape(_text[i + 1]) < 0) break;
                i++;
                continue;
            }

            if (quote == '"' && c == '"')
            {
                end = i + 1;
                return true;
            }
        }

        end = start;
        return false;
    }

    /// <summary>Plain scalars may not start with an indicator; a sign before a number (<c>-1</c>, <c>-.5</c>) is kept.</summary>
    private bool CanStartPlain(int i)
    {
        var c = _text[i];
        if (Indicators.IndexOf(c) < 0) return true;
        if (c != '-' || i + 1 >= _end) return false;
        var next = _text[i + 1];
        return (next >= '0' && next <= '9') || next == '.';
    }

    /// <summary>A dash followed by a space or the line's end: a block sequence entry.</summary>
    private bool IsEntryIndicator(int i) => _text[i] == '-' && IsSpaceOrLineEnd(i + 1);

    private bool IsSpaceOrLineEnd(int i) => i >= _end || _text[i] == ' ' || _text[i] == '\n' || _text[i] == '\r';

    private bool AtLineEnd() => _position >= _end || _text[_position] == '\n' || _text[_position] == '\r' || _text[_position] == '#';

    private void SkipSpaces()
    {
        while (_position < _end && _text[_position] == ' ') _position++;
    }

    /// <summary>
    /// Ends the line after a node: spaces, an optional comment after a space, the line break; then moves to the next line
    /// with content. False when something else follows the node.
    /// </summary>
    private bool EndLine()
    {
        SkipSpaces();
        if (_position < _end && _text[_position] == '#')
        {
            if (_text[_position - 1] != ' ') return false;
            while (_position < _end && _text[_position] != '\n') _position++;
        }

        if (_position < _end)
        {
            if (_text[_position] == '\r') _position++;
            if (_text[_position] != '\n') return false;
            _position++;
        }

        SkipToContent();
        return true;
    }

    /// <summary>
    /// From the start of a line, moves past blank and comment-only lines to the first content character of the next line
    /// that has one, noting its indentation; false at the end of the text.
    /// </summary>
    private bool SkipToContent()
    {
        while (_position < _end)
        {
            var lineStart = _position;
            while (_position < _end && _text[_position] == ' ') _position++;
            if (_position < _end && _text[_position] != '#' && _text[_position] != '\n' && _text[_position] != '\r')
            {
                _lineStart = lineStart;
                _indent = _position - lineStart;
                _hasContent = true;
                return true;
            }

            while (_position < _end && _text[_position] != '\n') _position++;
            if (_position < _end) _position++;
        }

        _hasContent = false;
        return false;
    }

    private void Add(SimpleYamlEventKind kind, int start, int end) => _events.Add(new SimpleYamlEvent(kind, start, end));
}
