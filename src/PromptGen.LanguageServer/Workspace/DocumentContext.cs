using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;

namespace PromptGen.LanguageServer.Workspace;

/// <summary>What kind of file a document is.</summary>
internal enum DocumentKind
{
    Prompt,
    Partial,
    Eval,
    Other,
}

/// <summary>An open document together with the project it belongs to: what every feature starts from.</summary>
internal sealed record DocumentContext(ProjectWorkspace Workspace, OpenDocument Document)
{
    public DocumentKind Kind => KindOf(Document.Path);

    public static DocumentKind KindOf(string path) =>
        EvalPromptLink.IsEvalFile(path) ? DocumentKind.Eval
        : PartialFile.NameOf(path) is not null ? DocumentKind.Partial
        : PartialFile.IsPromptPath(path) ? DocumentKind.Prompt
        : DocumentKind.Other;

    public int OffsetOf(int line, int character) => DocumentPositions.ToOffset(Document.Text, Document.Lines, line, character);

    /// <summary>The offset of an LSP position (0-based line and UTF-16 character) in the document's text.</summary>
    public int OffsetOf((int Line, int Character) position) => OffsetOf(position.Line, position.Character);

    /// <summary>The compiled prompt when the document is a prompt (not a partial or an eval file), else <c>null</c>.</summary>
    public PromptSemantics? CompilePrompt() => Kind == DocumentKind.Prompt ? Workspace.Compile(Document.Path) : null;
}
