using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PromptGen.Language.Values;
using YamlDotNet.RepresentationModel;

namespace PromptGen.Conformance.Tests;

/// <summary>
/// Reads the spec files into <see cref="PromptValue"/>s with YAML 1.2 core-schema scalar typing,
/// as the reference runner's <c>yaml</c> package does: only plain scalars are typed, quoted ones stay strings.
/// </summary>
public static class YamlValueReader
{
    private static readonly Regex s_null = new("^(null|Null|NULL|~|)$");
    private static readonly Regex s_true = new("^(true|True|TRUE)$");
    private static readonly Regex s_false = new("^(false|False|FALSE)$");
    private static readonly Regex s_decimal = new("^[-+]?[0-9]+$");
    private static readonly Regex s_octal = new("^0o[0-7]+$");
    private static readonly Regex s_hex = new("^0x[0-9a-fA-F]+$");
    private static readonly Regex s_float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static readonly Regex s_infinity = new(@"^[-+]?(\.inf|\.Inf|\.INF)$");
    private static readonly Regex s_notANumber = new(@"^(\.nan|\.NaN|\.NAN)$");

    public static PromptValue Read(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 0 ? PromptValue.Null : Convert(stream.Documents[0].RootNode);
    }

    public static PromptValue Convert(YamlNode node) => node switch
    {
        YamlScalarNode scalar => ConvertScalar(scalar),
        YamlSequenceNode sequence => PromptValue.Array(sequence.Children.Select(Convert)),
        YamlMappingNode mapping => PromptValue.Object(mapping.Children.Select(entry =>
            new KeyValuePair<string, PromptValue>(KeyText(entry.Key), Convert(entry.Value)))),
        _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}"),
    };

    private static string KeyText(YamlNode key) =>
        key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw new InvalidDataException($"Non-scalar key at {key.Start}");

    private static PromptValue ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str") return PromptValue.String(text);
        if (tag is null && scalar.Style != YamlDotNet.Core.ScalarStyle.Plain) return PromptValue.String(text);

        if (s_null.IsMatch(text)) return PromptValue.Null;
        if (s_true.IsMatch(text)) return PromptValue.True;
        if (s_false.IsMatch(text)) return PromptValue.False;
        if (s_decimal.IsMatch(text)) return PromptValue.Number(double.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        if (s_octal.IsMatch(text)) return PromptValue.Number(ParseRadix(text.Substring(2), 8));
        if (s_hex.IsMatch(text)) return PromptValue.Number(ParseRadix(text.Substring(2), 16));
        if (s_float.IsMatch(text)) return PromptValue.Number(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        if (s_infinity.IsMatch(text)) return PromptValue.Number(text.StartsWith("-", StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity);
        if (s_notANumber.IsMatch(text)) return PromptValue.Number(double.NaN);
        return PromptValue.String(text);
    }

    private static double ParseRadix(string digits, int radix) =>
        digits.Aggregate(0.0, (total, digit) => (total * radix) + System.Convert.ToInt32(digit.ToString(), 16));
}
