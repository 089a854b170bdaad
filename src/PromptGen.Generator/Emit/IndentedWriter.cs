using System.Runtime.CompilerServices;

namespace PromptGen.Generator.Emit;

/// <summary>Writes C# source line by line with four-space indentation and <c>\n</c> line ends (deterministic output).</summary>
internal sealed class IndentedWriter
{
    // Builders given back by ToStringAndFree, for the next writers on this thread: a build emits hundreds of
    // thousands of lines, and a new builder per writer would allocate its chunks again for every file and method.
    [ThreadStatic]
    private static StringBuilder?[]? s_free;
    private const int FreeBuilders = 4;
    private const int MaxKeptCapacity = 128 * 1024;

    // The buffer RawAndFree copies through, per thread.
    [ThreadStatic]
    private static char[]? s_copyBuffer;
    private const int CopyBufferLength = 4096;

    private StringBuilder _builder;
    private int _indent;
    private bool _midLine;

    public IndentedWriter(int indent = 0)
    {
        _indent = indent;
        _builder = Rent();
    }

    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    /// <summary>An interpolated line, written in place (see <see cref="IndentedLineHandler"/>); an empty one gets no indentation.</summary>
    public IndentedWriter Line([InterpolatedStringHandlerArgument("")] ref IndentedLineHandler line)
    {
        if (_builder.Length == line.Start) _builder.Length -= _indent * 4;
        _builder.Append('\n');
        return this;
    }

    /// <summary>
    /// Starts a line that <see cref="Append(ref IndentedLineHandler)"/> continues and <see cref="End"/> ends: for a line
    /// built from a list or from helpers that write their part in place, without a string for any part.
    /// </summary>
    public IndentedWriter Begin([InterpolatedStringHandlerArgument("")] ref IndentedLineHandler start)
    {
        _midLine = true;
        return this;
    }

    /// <summary>Continues the line <see cref="Begin"/> started.</summary>
    public IndentedWriter Append([InterpolatedStringHandlerArgument("")] ref IndentedLineHandler part) => this;

    /// <summary>Continues the line <see cref="Begin"/> started.</summary>
    public IndentedWriter Append(string part)
    {
        _builder.Append(part);
        return this;
    }

    /// <summary>Ends the line <see cref="Begin"/> started with <paramref name="end"/>.</summary>
    public IndentedWriter End(string end = "")
    {
        _midLine = false;
        _builder.Append(end).Append('\n');
        return this;
    }

    /// <summary>Starts a line written by <see cref="IndentedLineHandler"/>: the indentation, then its parts (within a line, its parts only).</summary>
    internal StringBuilder StartLine() => _midLine ? _builder : _builder.Append(' ', _indent * 4);

    /// <summary>Writes several lines (split at <c>\n</c>) at the current indentation.</summary>
    public IndentedWriter Lines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n')) Line(line);
        return this;
    }

    /// <summary>
    /// Writes the lines of <paramref name="code"/> between <paramref name="start"/> and <paramref name="end"/> (split at
    /// <c>\n</c>, a <c>\r</c> before it dropped) at the current indentation, <paramref name="firstLinePrefix"/> before the
    /// first: compiled code is copied line by line from the string it was built in, without a string per line.
    /// </summary>
    public IndentedWriter CodeLines(string code, int start, int end, string firstLinePrefix = "")
    {
        var prefix = firstLinePrefix;
        var lineStart = start;
        while (true)
        {
            var newline = lineStart < end ? code.IndexOf('\n', lineStart, end - lineStart) : -1;
            var lineEnd = newline < 0 ? end : newline;
            var textEnd = newline >= 0 && lineEnd > lineStart && code[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (prefix.Length + textEnd - lineStart > 0) _builder.Append(' ', _indent * 4).Append(prefix).Append(code, lineStart, textEnd - lineStart);
            _builder.Append('\n');
            if (newline < 0) return this;
            prefix = string.Empty;
            lineStart = newline + 1;
        }
    }

    /// <summary>
    /// Writes what <paramref name="other"/> wrote, verbatim, through a small buffer instead of a string of it; then
    /// <paramref name="other"/> must not be used (its builder goes to the next writer).
    /// </summary>
    public IndentedWriter RawAndFree(IndentedWriter other)
    {
        var source = other._builder;
        var buffer = s_copyBuffer ??= new char[CopyBufferLength];
        for (var offset = 0; offset < source.Length; offset += buffer.Length)
        {
            var count = Math.Min(buffer.Length, source.Length - offset);
            source.CopyTo(offset, buffer, 0, count);
            _builder.Append(buffer, 0, count);
        }

        Return(source);
        other._builder = null!;
        return this;
    }

    /// <summary>Writes text verbatim, without indentation (for raw string literal content).</summary>
    public IndentedWriter Raw(string text)
    {
        _builder.Append(text);
        return this;
    }

    public IndentedWriter OpenBrace()
    {
        Line("{");
        _indent++;
        return this;
    }

    public IndentedWriter CloseBrace(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public IDisposable Block(string header)
    {
        Line(header);
        OpenBrace();
        return new Closer(this);
    }

    public int Indent => _indent;

    public override string ToString() => _builder.ToString();

    /// <summary>The text written, after which this writer must not be used: its builder goes to the next writer.</summary>
    public string ToStringAndFree()
    {
        var text = _builder.ToString();
        Return(_builder);
        _builder = null!;
        return text;
    }

    private static StringBuilder Rent()
    {
        var free = s_free;
        if (free is not null)
        {
            for (var i = 0; i < free.Length; i++)
            {
                if (free[i] is { } builder)
                {
                    free[i] = null;
                    return builder;
                }
            }
        }

        return new StringBuilder(1024);
    }

    private static void Return(StringBuilder builder)
    {
        if (builder.Capacity > MaxKeptCapacity) return;
        builder.Clear();
        var free = s_free ??= new StringBuilder?[FreeBuilders];
        for (var i = 0; i < free.Length; i++)
        {
            if (free[i] is null)
            {
                free[i] = builder;
                return;
            }
        }
    }

    private sealed class Closer : IDisposable
    {
        private readonly IndentedWriter _writer;

        public Closer(IndentedWriter writer) => _writer = writer;

        public void Dispose() => _writer.CloseBrace();
    }
}
