using System;
using System.Threading;
using PromptGen.Generator.Models;

namespace PromptGen.Generator.Parsing;

/// <summary>
/// The single "parse the file" step of the pipeline: <c>.prompt</c> text in, <see cref="PromptDocumentModel"/> out.
/// TODO(lead): replace the body with the language core's frontmatter/metadata/Picoschema/template front end once it
/// is on main; nothing else in the generator reads <c>.prompt</c> text.
/// </summary>
internal static class PromptFileParser
{
    private static readonly AsyncLocal<Func<string, string, PromptDocumentModel>?> s_testOverride = new();

    public static PromptDocumentModel Parse(string path, string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var parse = s_testOverride.Value;
        return parse is not null ? parse(path, text) : InterimFrontmatterReader.Read(path, text);
    }

    /// <summary>Swaps the parser for the current (async) flow, for tests; dispose to restore it.</summary>
    internal static IDisposable OverrideForTesting(Func<string, string, PromptDocumentModel> parse)
    {
        s_testOverride.Value = parse;
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => s_testOverride.Value = null;
    }
}
