using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace PromptGen.Property.Tests;

/// <summary>Value generators shared by the properties: text that stresses escaping, numbers across their whole range.</summary>
internal static class Generators
{
    /// <summary>A piece of text: plain words, JSON/Handlebars/HTML metacharacters, control characters, non-ASCII, emoji.</summary>
    private static readonly Gen<string> Piece = Gen.OneOf(
        Gen.Char['a', 'z'].Array[1, 6].Select(c => new string(c)),
        Gen.OneOf(" ", "\"", "\\", "'", "/", "{", "}", "{{", "}}", "<", ">", "&", "=", "`", ",", ":", "[", "]", "\\n", "\\u0041", "```"),
        Gen.OneOf("\n", "\r\n", "\t", "\0", "\u0001", "\u001f", "\u007f", "\u2028", "\u2029", "\uFEFF"),
        Gen.Char['\u00a0', '\ud7ff'].Select(c => c.ToString()),
        Gen.OneOf("é", "日本語", "Ж", "👍", "🇫🇷", "\U0001F600", "e\u0301"));

    /// <summary>Well-formed Unicode text (no lone surrogates, which no JSON writer round-trips), often empty or short.</summary>
    public static readonly Gen<string> Text = Piece.Array[0, 8].Select(string.Concat);

    /// <summary>Text that is never empty, for fields a template tests with <c>#if</c> and values where empty means absent.</summary>
    public static readonly Gen<string> NonEmptyText = Piece.Array[1, 8].Select(string.Concat);

    /// <summary>Finite doubles: small integers, fractions, and any bit pattern that is finite (tiny, huge, negative zero).</summary>
    public static readonly Gen<double> Number = Gen.OneOf(
        Gen.Int[-1000, 1000].Select(i => (double)i),
        Gen.Int[-100000, 100000].Select(i => i / 100.0),
        Gen.Double.Where(double.IsFinite),
        Gen.OneOf(0.1, 1e21, 1e-7, 123456789012345680000.0, -0.0, 5e-324, double.MaxValue, double.MinValue, 9007199254740993.0));

    /// <summary>64-bit integers: small ones and the whole range, with the edges that lose precision through a double.</summary>
    public static readonly Gen<long> Integer = Gen.OneOf(
        Gen.Long[-1000, 1000],
        Gen.Long,
        Gen.OneOf(long.MaxValue, long.MinValue, 9007199254740993L, -9007199254740993L, 0L));

    public static Gen<T?> Optional<T>(Gen<T> gen) where T : class =>
        Gen.Bool.SelectMany(present => present ? gen.Select(v => (T?)v) : Gen.Const<T?>((T?)null));

    public static Gen<T?> OptionalValue<T>(Gen<T> gen) where T : struct =>
        Gen.Bool.SelectMany(present => present ? gen.Select(v => (T?)v) : Gen.Const<T?>((T?)null));

    public static Gen<IReadOnlyList<T>> List<T>(Gen<T> gen, int max = 4) => gen.Array[0, max].Select(a => (IReadOnlyList<T>)a);

    public static Gen<T> Enum<T>() where T : struct, System.Enum => Gen.OneOf(System.Enum.GetValues<T>());
}
