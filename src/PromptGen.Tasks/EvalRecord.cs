using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace PromptGen.Tasks;

/// <summary>
/// One line of the eval runner's structured output (<c>promptgen eval --findings &lt;file&gt;</c>): a flat JSON object
/// with a <c>kind</c> (<c>finding</c>, <c>report</c>, <c>recordings</c>, <c>baseline</c>, <c>end</c>) and string,
/// number or boolean values. Read with a small reader of its own: a task must not bring a JSON library into the
/// MSBuild process (it would clash with the one MSBuild loads).
/// </summary>
internal sealed class EvalRecord
{
    private readonly Dictionary<string, string?> _values;

    private EvalRecord(Dictionary<string, string?> values)
    {
        _values = values;
    }

    /// <summary>The record's kind.</summary>
    public string Kind => GetString("kind") ?? "";

    /// <summary>A value as text (numbers and booleans as written), or <c>null</c> when absent or null.</summary>
    public string? GetString(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>A whole number, or <paramref name="fallback"/> when absent or not a number.</summary>
    public int GetInt32(string name, int fallback) =>
        int.TryParse(GetString(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>Reads every record of <paramref name="path"/> (UTF-8, one object per line; blank lines are skipped).</summary>
    /// <exception cref="FormatException">A line is not a flat JSON object.</exception>
    public static List<EvalRecord> ReadFile(string path)
    {
        var records = new List<EvalRecord>();
        var lineNumber = 0;
        foreach (var line in File.ReadAllLines(path, new UTF8Encoding(false)))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            try
            {
                records.Add(Parse(line));
            }
            catch (FormatException exception)
            {
                throw new FormatException($"line {lineNumber}: {exception.Message}", exception);
            }
        }

        return records;
    }

    /// <summary>Parses one flat JSON object.</summary>
    /// <exception cref="FormatException">Not a flat JSON object.</exception>
    public static EvalRecord Parse(string json)
    {
        var reader = new Reader(json);
        var values = reader.ReadObject();
        return new EvalRecord(values);
    }

    private struct Reader
    {
        private readonly string _text;
        private int _position;

        public Reader(string text)
        {
            _text = text;
            _position = 0;
        }

        public Dictionary<string, string?> ReadObject()
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            SkipWhitespace();
            Expect('{');
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
            }
            else
            {
                while (true)
                {
                    SkipWhitespace();
                    var name = ReadString();
                    SkipWhitespace();
                    Expect(':');
                    SkipWhitespace();
                    values[name] = ReadScalar();
                    SkipWhitespace();
                    var next = Next();
                    if (next == '}') break;
                    if (next != ',') throw Error($"',' or '}}' expected, found '{next}'");
                }
            }

            SkipWhitespace();
            if (_position != _text.Length) throw Error("text after the object");
            return values;
        }

        private string? ReadScalar()
        {
            var c = Peek();
            if (c == '"') return ReadString();
            if (c == '{' || c == '[') throw Error("nested values are not expected in a record");
            var start = _position;
            while (_position < _text.Length && _text[_position] is not (',' or '}' or ' ' or '\t' or '\r' or '\n')) _position++;
            var literal = _text.Substring(start, _position - start);
            if (literal == "null") return null;
            if (literal is "true" or "false") return literal;
            if (double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return literal;
            throw Error($"unexpected value '{literal}'");
        }

        private string ReadString()
        {
            Expect('"');
            var builder = new StringBuilder();
            while (true)
            {
                var c = Next();
                if (c == '"') return builder.ToString();
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                var escape = Next();
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_position + 4 > _text.Length) throw Error("incomplete \\u escape");
                        var hex = _text.Substring(_position, 4);
                        if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)) throw Error($"bad \\u escape '{hex}'");
                        builder.Append((char)code);
                        _position += 4;
                        break;
                    default: throw Error($"bad escape '\\{escape}'");
                }
            }
        }

        private void SkipWhitespace()
        {
            while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n') _position++;
        }

        private char Peek() => _position < _text.Length ? _text[_position] : throw Error("unexpected end of the line");

        private char Next()
        {
            var c = Peek();
            _position++;
            return c;
        }

        private void Expect(char expected)
        {
            var c = Next();
            if (c != expected) throw Error($"'{expected}' expected, found '{c}'");
        }

        private FormatException Error(string message) => new($"{message} at column {_position + 1}");
    }
}
