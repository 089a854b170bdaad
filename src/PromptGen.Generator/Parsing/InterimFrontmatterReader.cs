using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PromptGen.Generator.Models;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PromptGen.Generator.Parsing;

/// <summary>
/// TEMPORARY stand-in for the language core's front end, so the pipeline runs end to end before it lands.
/// It reads YAML frontmatter with YamlDotNet and accepts JSON Schema only (Picoschema is reported, not converted).
/// Delete it when <see cref="PromptFileParser"/> calls the real parser.
/// </summary>
internal static class InterimFrontmatterReader
{
    public static PromptDocumentModel Read(string path, string text)
    {
        var lines = new LineMap(text);
        var diagnostics = new List<DiagnosticInfo>();
        if (!TrySplit(text, out var frontmatterStart, out var frontmatter, out var bodyStart))
        {
            return new PromptDocumentModel { Path = path, Template = text };
        }

        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(frontmatter));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException exception)
        {
            var offset = frontmatterStart + (int)Math.Min(exception.Start.Index, frontmatter.Length);
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidYaml,
                Locate(path, lines, offset, offset),
                "Frontmatter is not valid YAML: " + exception.Message));
            return new PromptDocumentModel
            {
                Path = path,
                Template = text.Substring(bodyStart),
                TemplateOffset = bodyStart,
                Diagnostics = diagnostics.ToEquatableArray(),
                HasFatalErrors = true,
            };
        }

        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (root is not null)
        {
            foreach (var child in root.Children)
            {
                if (child.Key is YamlScalarNode key && key.Value is not null) entries[key.Value] = child.Value;
            }
        }

        LocationInfo? LocationOf(YamlNode? node) =>
            node is null ? null : Locate(path, lines, frontmatterStart + (int)node.Start.Index, frontmatterStart + (int)node.End.Index);

        string? Scalar(string key) => entries.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

        var input = entries.TryGetValue("input", out var inputNode) ? inputNode as YamlMappingNode : null;
        var output = entries.TryGetValue("output", out var outputNode) ? outputNode as YamlMappingNode : null;
        var inputSchemaNode = Child(input, "schema");
        var outputSchemaNode = Child(output, "schema");
        entries.TryGetValue("name", out var nameNode);
        entries.TryGetValue("csharp.class", out var classNode);
        entries.TryGetValue("config", out var configNode);

        return new PromptDocumentModel
        {
            Path = path,
            Name = Scalar("name"),
            NameLocation = LocationOf(nameNode),
            Description = Scalar("description"),
            Model = Scalar("model"),
            Config = configNode is null ? null : ToValue(configNode, 0),
            ConfigLocation = LocationOf(configNode),
            InputSchema = JsonSchemaOrNull(inputSchemaNode, path, LocationOf(inputSchemaNode), diagnostics),
            InputSchemaLocation = LocationOf(inputSchemaNode),
            OutputSchema = JsonSchemaOrNull(outputSchemaNode, path, LocationOf(outputSchemaNode), diagnostics),
            OutputSchemaLocation = LocationOf(outputSchemaNode),
            OutputFormat = (Child(output, "format") as YamlScalarNode)?.Value,
            ClassOverride = Scalar("csharp.class"),
            ClassOverrideLocation = LocationOf(classNode),
            NamespaceOverride = Scalar("csharp.namespace"),
            IntegerType = Scalar("csharp.integer"),
            Template = text.Substring(bodyStart),
            TemplateOffset = bodyStart,
            Diagnostics = diagnostics.ToEquatableArray(),
        };
    }

    private static bool TrySplit(string text, out int frontmatterStart, out string frontmatter, out int bodyStart)
    {
        frontmatterStart = 0;
        frontmatter = string.Empty;
        bodyStart = 0;
        var firstEnd = text.IndexOf('\n');
        if (firstEnd < 0 || text.Substring(0, firstEnd).TrimEnd() != "---") return false;
        frontmatterStart = firstEnd + 1;
        var position = frontmatterStart;
        while (position <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            var line = lineEnd < 0 ? text.Substring(position) : text.Substring(position, lineEnd - position);
            if (line.TrimEnd() == "---")
            {
                frontmatter = text.Substring(frontmatterStart, position - frontmatterStart);
                bodyStart = lineEnd < 0 ? text.Length : lineEnd + 1;
                return true;
            }

            if (lineEnd < 0) return false;
            position = lineEnd + 1;
        }

        return false;
    }

    private static YamlNode? Child(YamlMappingNode? mapping, string key)
    {
        if (mapping is null) return null;
        foreach (var child in mapping.Children)
        {
            if (child.Key is YamlScalarNode scalar && scalar.Value == key) return child.Value;
        }

        return null;
    }

    private static PromptValue? JsonSchemaOrNull(YamlNode? node, string path, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (node is null) return null;
        var value = ToValue(node, 0);
        var type = value["type"];
        if (value.Kind == PromptValueKind.Object && (value["properties"] is not null || type is { Kind: PromptValueKind.String or PromptValueKind.Array }))
        {
            return value;
        }

        diagnostics.Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.InternalError,
            location ?? LocationInfo.FileStart(path),
            "Picoschema is not supported by this preview of the generator yet; write the schema as JSON Schema"));
        return null;
    }

    private static PromptValue ToValue(YamlNode node, int depth)
    {
        if (depth > 64) return PromptValue.Null;
        switch (node)
        {
            case YamlMappingNode mapping:
                return PromptValue.Object(mapping.Children
                    .Where(c => c.Key is YamlScalarNode { Value: not null })
                    .Select(c => new KeyValuePair<string, PromptValue>(((YamlScalarNode)c.Key).Value!, ToValue(c.Value, depth + 1))));
            case YamlSequenceNode sequence:
                return PromptValue.Array(sequence.Children.Select(c => ToValue(c, depth + 1)));
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return PromptValue.Null;
        }
    }

    private static PromptValue Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return PromptValue.String(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL": return PromptValue.Null;
            case "true" or "True" or "TRUE": return PromptValue.True;
            case "false" or "False" or "FALSE": return PromptValue.False;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) &&
            (char.IsDigit(value[0]) || value[0] is '-' or '+' or '.'))
        {
            return PromptValue.Number(number);
        }

        return PromptValue.String(value);
    }

    private static LocationInfo Locate(string path, LineMap lines, int start, int end) =>
        LocationInfo.FromSpan(path, lines.GetSpan(start, end));
}
