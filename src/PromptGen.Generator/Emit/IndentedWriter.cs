namespace PromptGen.Generator.Emit;

/// <summary>Writes C# source line by line with four-space indentation and <c>\n</c> line ends (deterministic output).</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public IndentedWriter(int indent = 0) => _indent = indent;

    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes several lines (split at <c>\n</c>) at the current indentation.</summary>
    public IndentedWriter Lines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n')) Line(line);
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

    private sealed class Closer : IDisposable
    {
        private readonly IndentedWriter _writer;

        public Closer(IndentedWriter writer) => _writer = writer;

        public void Dispose() => _writer.CloseBrace();
    }
}
