using System.Globalization;

namespace PromptGen.Language.Values;

/// <summary>Strict JSON reading and JavaScript-compatible JSON writing for <see cref="PromptValue"/>.</summary>
#if !PROMPTGEN_RUNTIME
public // internal in the runtime assembly, which compiles this file too
#endif
static class PromptJson
{
    /// <summary>Nesting deeper than this is rejected rather than risking a stack overflow.</summary>
    public const int MaxDepth = 512;

    /// <summary>
    /// Writes JSON as JavaScript's <c>JSON.stringify(value, null, indent)</c> does
    /// (numbers as <c>Number.toString</c>, non-ASCII text unescaped, lone surrogates escaped).
    /// </summary>
    public static string Serialize(PromptValue value, int indent = 0, bool sortKeys = false)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        var builder = t_builder ?? new StringBuilder(256);
        t_builder = null; // taken while in use, so a nested call cannot share it
        Write(builder, value, indent, sortKeys, 0);
        var text = builder.ToString();
        if (builder.Capacity <= MaxKeptBuilderCapacity)
        {
            builder.Clear();
            t_builder = builder;
        }

        return text;
    }

    // Schemas and defaults are serialized for every prompt a generator run compiles: one builder per thread, kept
    // when it stays small, spares a new builder and its growth for each.
    [ThreadStatic]
    private static StringBuilder? t_builder;
    private const int MaxKeptBuilderCapacity = 64 * 1024;

    public static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');

        // Characters that need no escape are appended a run at a time, not one by one.
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\' && !char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (i > run) builder.Append(text, run, i - run);
            run = i + 1;
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default: AppendUnicodeEscape(builder, c); break; // other control characters and lone surrogates
            }
        }

        if (text.Length > run) builder.Append(text, run, text.Length - run);
        builder.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

    private static void Write(StringBuilder builder, PromptValue value, int indent, bool sortKeys, int depth)
    {
        switch (value.Kind)
        {
            case PromptValueKind.Null:
                builder.Append("null");
                break;
            case PromptValueKind.Boolean:
                builder.Append(value.AsBoolean ? "true" : "false");
                break;
            case PromptValueKind.Number:
                var number = value.AsNumber;
                builder.Append(double.IsNaN(number) || double.IsInfinity(number) ? "null" : JsNumber.ToString(number));
                break;
            case PromptValueKind.String:
                WriteString(builder, value.AsString);
                break;
            case PromptValueKind.Array:
                if (value.Items.Count == 0)
                {
                    builder.Append("[]");
                    break;
                }

                builder.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0) builder.Append(',');
                    NewLine(builder, indent, depth + 1);
                    Write(builder, value.Items[i], indent, sortKeys, depth + 1);
                }

                NewLine(builder, indent, depth);
                builder.Append(']');
                break;
            default:
                IEnumerable<KeyValuePair<string, PromptValue>> properties = value.Properties;
                if (sortKeys) properties = properties.OrderBy(p => p.Key, StringComparer.Ordinal);
                var first = true;
                builder.Append('{');
                foreach (var property in properties)
                {
                    if (!first) builder.Append(',');
                    first = false;
                    NewLine(builder, indent, depth + 1);
                    WriteString(builder, property.Key);
                    builder.Append(indent > 0 ? ": " : ":");
                    Write(builder, property.Value, indent, sortKeys, depth + 1);
                }

                if (!first) NewLine(builder, indent, depth);
                builder.Append('}');
                break;
        }
    }

    private static void NewLine(StringBuilder builder, int indent, int depth)
    {
        if (indent <= 0) return;
        builder.Append('\n').Append(' ', indent * depth);
    }

    /// <summary>Parses strict JSON (RFC 8259). Throws <see cref="PromptJsonException"/> with a position on bad input.</summary>
    public static PromptValue Parse(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var reader = new Reader(text);
        reader.SkipWhitespace();
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (!reader.AtEnd) throw reader.Error("Unexpected text after the JSON value");
        return value;
    }

    public static bool TryParse(string text, out PromptValue? value, out PromptJsonException? error)
    {
        try
        {
            value = Parse(text);
            error = null;
            return true;
        }
        catch (PromptJsonException exception)
        {
            value = null;
            error = exception;
            return false;
        }
    }

    private sealed class Reader
    {
        private readonly string _text;
        private int _position;

        public Reader(string text) => _text = text;

        public bool AtEnd => _position >= _text.Length;

        public void SkipWhitespace()
        {
            while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\n' or '\r') _position++;
        }

        public PromptValue ReadValue(int depth)
        {
            if (depth > MaxDepth) throw Error($"JSON is nested deeper than {MaxDepth} levels");
            if (AtEnd) throw Error("Unexpected end of JSON");
            var c = _text[_position];
            switch (c)
            {
                case '{': return ReadObject(depth);
                case '[': return ReadArray(depth);
                case '"': return PromptValue.String(ReadString());
                case 't': ExpectWord("true"); return PromptValue.True;
                case 'f': ExpectWord("false"); return PromptValue.False;
                case 'n': ExpectWord("null"); return PromptValue.Null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw Error($"Unexpected character '{c}'");
            }
        }

        private PromptValue ReadObject(int depth)
        {
            _position++;
            var properties = new List<KeyValuePair<string, PromptValue>>();
            if (ReadEmpty('}')) return PromptValue.Object(properties);

            while (true)
            {
                SkipWhitespace();
                if (AtEnd || _text[_position] != '"') throw Error("Expected a property name in double quotes");
                var key = ReadString();
                SkipWhitespace();
                if (AtEnd || _text[_position] != ':') throw Error("Expected ':' after a property name");
                _position++;
                SkipWhitespace();
                properties.Add(new KeyValuePair<string, PromptValue>(key, ReadValue(depth + 1)));
                if (ReadSeparator('}', "object")) return PromptValue.Object(properties);
            }
        }

        private PromptValue ReadArray(int depth)
        {
            _position++;
            var items = new List<PromptValue>();
            if (ReadEmpty(']')) return PromptValue.Array(items);

            while (true)
            {
                SkipWhitespace();
                items.Add(ReadValue(depth + 1));
                if (ReadSeparator(']', "array")) return PromptValue.Array(items);
            }
        }

        /// <summary>Reads <paramref name="close"/> right after the opening bracket (an empty object or array), if it is there.</summary>
        private bool ReadEmpty(char close)
        {
            SkipWhitespace();
            if (AtEnd || _text[_position] != close) return false;
            _position++;
            return true;
        }

        /// <summary>Reads what follows an item of an object or array: false after a comma, true after <paramref name="close"/>.</summary>
        private bool ReadSeparator(char close, string container)
        {
            SkipWhitespace();
            if (AtEnd) throw Error("Unterminated " + container);
            var c = _text[_position];
            if (c != ',' && c != close) throw Error($"Expected ',' or '{close}' in an {container}");
            _position++;
            return c == close;
        }

        private string ReadString()
        {
            _position++; // opening quote

            // A string without escapes (nearly all of them) is its text between the quotes; anything else is read
            // character by character below, from the same place, with the same errors.
            for (var end = _position; end < _text.Length; end++)
            {
                var next = _text[end];
                if (next == '\\' || next < 0x20) break;
                if (next != '"') continue;
                var text = _text.Substring(_position, end - _position);
                _position = end + 1;
                return text;
            }

            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd) throw Error("Unterminated string");
                var c = _text[_position++];
                if (c == '"') return builder.ToString();
                if (c < 0x20) throw Error("Control character in a string must be escaped", _position - 1);
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                if (AtEnd) throw Error("Unterminated escape sequence");
                var escape = _text[_position++];
                if (JsonEscapes.TryDecodeSimple(escape, out var decoded))
                {
                    builder.Append(decoded);
                    continue;
                }

                switch (escape)
                {
                    case 'u':
                        if (_position + 4 > _text.Length ||
                            !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        {
                            throw Error("Invalid \\u escape");
                        }

                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default:
                        throw Error($"Invalid escape '\\{escape}'", _position - 1);
                }
            }
        }

        private PromptValue ReadNumber()
        {
            var start = _position;
            if (_text[_position] == '-') _position++;
            if (AtEnd || !char.IsDigit(_text[_position])) throw Error("Invalid number");
            if (_text[_position] == '0')
            {
                _position++;
            }
            else
            {
                while (!AtEnd && IsDigit(_text[_position])) _position++;
            }

            if (!AtEnd && _text[_position] == '.')
            {
                _position++;
                if (AtEnd || !IsDigit(_text[_position])) throw Error("Invalid number: digits expected after '.'");
                while (!AtEnd && IsDigit(_text[_position])) _position++;
            }

            if (!AtEnd && _text[_position] is 'e' or 'E')
            {
                _position++;
                if (!AtEnd && _text[_position] is '+' or '-') _position++;
                if (AtEnd || !IsDigit(_text[_position])) throw Error("Invalid number: digits expected in the exponent");
                while (!AtEnd && IsDigit(_text[_position])) _position++;
            }

            var literal = _text.Substring(start, _position - start);
            return PromptValue.Number(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private void ExpectWord(string word)
        {
            if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0) throw Error("Unexpected token");
            _position += word.Length;
        }

        public PromptJsonException Error(string message, int? at = null)
        {
            var position = Math.Min(at ?? _position, _text.Length);
            var line = 1;
            var column = 1;
            for (var i = 0; i < position; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            return new PromptJsonException(message, line, column);
        }
    }
}
