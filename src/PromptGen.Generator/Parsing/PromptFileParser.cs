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
    public static PromptDocumentModel Parse(string path, string text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return InterimFrontmatterReader.Read(path, text);
    }
}
