// TEMPORARY: stand-ins for the template and document components, which are developed on other branches.
// They let the CLI, the rendering facade and the conformance tests compile before those branches are merged.
// This whole folder is deleted when the real components arrive; nothing here is a public contract.
#pragma warning disable CS1591
using System;
using System.Collections.Generic;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;

namespace PromptGen.Language.Templates
{
    public sealed class TemplateSource
    {
        public TemplateSource(string path, string fileText, int templateStart, int templateLength)
        {
            Path = path;
            FileText = fileText;
            TemplateStart = templateStart;
            TemplateLength = templateLength;
        }

        public string Path { get; }
        public string FileText { get; }
        public int TemplateStart { get; }
        public int TemplateLength { get; }
    }

    public sealed class Template
    {
    }

    public sealed class TemplateParseResult
    {
        public Template Template { get; init; } = new();
        public IReadOnlyList<PromptDiagnostic> Diagnostics { get; init; } = Array.Empty<PromptDiagnostic>();
    }

    public static class TemplateParser
    {
        public static TemplateParseResult Parse(TemplateSource source) => throw new NotImplementedException("pending merge");
    }

    public static class TemplateAnalyzer
    {
        public static IReadOnlyList<PromptDiagnostic> Analyze(Template template, PromptGen.Language.Rendering.IPartialResolver? partials) => throw new NotImplementedException("pending merge");
    }
}

namespace PromptGen.Language.Rendering
{
    using PromptGen.Language.Templates;

    public sealed class PartialTemplate
    {
        public PartialTemplate(string name, Template template, string path)
        {
            Name = name;
            Template = template;
            Path = path;
        }

        public string Name { get; }
        public Template Template { get; }
        public string Path { get; }
        public IReadOnlyList<PromptDiagnostic> Diagnostics { get; init; } = Array.Empty<PromptDiagnostic>();
    }

    public interface IPartialResolver
    {
        PartialTemplate? Resolve(string name);
    }

    public sealed class PartialSet : IPartialResolver
    {
        public PartialSet(IReadOnlyDictionary<string, string> sources) { }
        public static PartialSet FromDirectory(string directory) => throw new NotImplementedException("pending merge");
        public PartialTemplate? Resolve(string name) => throw new NotImplementedException("pending merge");
    }

    public sealed class TemplateRenderException : Exception
    {
        public TemplateRenderException(string message, string path, SourceSpan span)
            : base(message)
        {
            Path = path;
            Span = span;
        }

        public string Path { get; }
        public SourceSpan Span { get; }
    }

    public sealed class PromptMessage
    {
        public string Role { get; init; } = "user";
        public PromptValue ToValue() => throw new NotImplementedException("pending merge");
        public static PromptMessage FromValue(PromptValue value) => throw new NotImplementedException("pending merge");
    }

    public sealed class RenderData
    {
        public PromptValue? Input { get; init; }
        public PromptValue? Context { get; init; }
        public IReadOnlyList<PromptMessage>? Messages { get; init; }
        public PromptValue? Docs { get; init; }
        public PromptValue? PromptMetadata { get; init; }
    }

    public sealed class RenderSettings
    {
        public IPartialResolver? Partials { get; init; }
        public bool AllowMarkersFromInput { get; init; }
    }

    public static class TemplateRenderer
    {
        public static IReadOnlyList<PromptMessage> Render(Template template, RenderData data, RenderSettings? settings = null) => throw new NotImplementedException("pending merge");
    }
}

namespace PromptGen.Language.Schemas
{
    public interface ISchemaResolver
    {
        PromptValue? Resolve(string name);
    }

    public sealed class DictionarySchemaResolver : ISchemaResolver
    {
        public DictionarySchemaResolver(IEnumerable<KeyValuePair<string, PromptValue>> schemas) { }
        public static DictionarySchemaResolver FromObject(PromptValue? schemas) => throw new NotImplementedException("pending merge");
        public PromptValue? Resolve(string name) => throw new NotImplementedException("pending merge");
    }
}

namespace PromptGen.Language.Metadata
{
    using PromptGen.Language.Schemas;

    public interface IToolResolver
    {
        PromptValue? Resolve(string name);
    }

    public sealed class PromptMetadata
    {
        public PromptValue? InputDefault => throw new NotImplementedException("pending merge");
        public PromptValue ToValue() => throw new NotImplementedException("pending merge");
        public static PromptMetadata Merge(PromptMetadata file, PromptValue? callerOptions, ISchemaResolver? schemas, IToolResolver? tools) => throw new NotImplementedException("pending merge");
    }
}

namespace PromptGen.Language.Documents
{
    using PromptGen.Language.Metadata;
    using PromptGen.Language.Schemas;

    public sealed class PromptDocumentOptions
    {
        public ISchemaResolver? Schemas { get; set; }
        public IToolResolver? Tools { get; set; }
    }

    public sealed class PromptDocument
    {
        public string Path { get; init; } = "";
        public string Text { get; init; } = "";
        public int TemplateStart { get; init; }
        public int TemplateLength { get; init; }
        public string Template => Text.Substring(TemplateStart, TemplateLength);
        public LineMap Lines { get; init; } = new("");
        public PromptMetadata Metadata { get; init; } = new();
        public IReadOnlyList<PromptDiagnostic> Diagnostics { get; init; } = Array.Empty<PromptDiagnostic>();
    }

    public static class PromptDocumentParser
    {
        public static PromptDocument Parse(string path, string text, PromptDocumentOptions? options = null) => throw new NotImplementedException("pending merge");
    }
}
