using System.Runtime.CompilerServices;

namespace PromptGen.Generator.Emit;

/// <summary>
/// Lets <c>w.Line($"...")</c> write its parts straight into the writer's builder: a generated file is hundreds of
/// interpolated lines, and a string for each was the emitter's largest allocation. Parts format as string
/// interpolation formats them.
/// </summary>
[InterpolatedStringHandler]
internal ref struct IndentedLineHandler
{
    private readonly StringBuilder _builder;

    public IndentedLineHandler(int literalLength, int formattedCount, IndentedWriter writer)
    {
        _ = literalLength;
        _ = formattedCount;
        _builder = writer.StartLine();
        Start = _builder.Length;
    }

    /// <summary>Where the line's text starts in the builder (after the indentation).</summary>
    internal int Start { get; }

    public readonly void AppendLiteral(string value) => _builder.Append(value);

    public readonly void AppendFormatted(string? value) => _builder.Append(value);

    public readonly void AppendFormatted(int value) => _builder.Append(value);

    /// <summary>A C# type, spelled straight into the line.</summary>
    public readonly void AppendFormatted(TypeSpelling type) => TypeNames.Append(_builder, type.Type, type.ContainingClass);

    /// <summary>A C# string literal, escaped straight into the line.</summary>
    public readonly void AppendFormatted(QuotedString literal) => CSharpLiterals.AppendString(_builder, literal.Value);

    public readonly void AppendFormatted<T>(T value) => _builder.Append(value?.ToString());

    public readonly void AppendFormatted<T>(T value, string? format) =>
        _builder.Append(value is IFormattable formattable ? formattable.ToString(format, null) : value?.ToString());
}
