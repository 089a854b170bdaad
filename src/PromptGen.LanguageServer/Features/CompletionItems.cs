using System.Text.Json.Nodes;
using PromptGen.Language.Semantics;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>Builds a completion list whose items replace the word being typed.</summary>
internal sealed class CompletionItems
{
    private readonly JsonObject _range;
    private readonly List<JsonObject> _items = new();
    private readonly HashSet<string> _labels = new(System.StringComparer.Ordinal);

    public CompletionItems(DocumentContext context, int replaceStart, int replaceEnd)
    {
        var (startLine, startCharacter) = DocumentPositions.ToPosition(context.Document.Lines, replaceStart);
        var (endLine, endCharacter) = DocumentPositions.ToPosition(context.Document.Lines, replaceEnd);
        _range = Lsp.Range(startLine, startCharacter, endLine, endCharacter);
    }

    public void Add(string label, int kind, string? detail = null, string? documentation = null, string? insertText = null, string? sortPrefix = null)
    {
        if (!_labels.Add(label)) return;
        var item = new JsonObject
        {
            ["label"] = label,
            ["kind"] = kind,
            ["textEdit"] = Lsp.TextEdit((JsonObject)_range.DeepClone(), insertText ?? label),
        };
        if (detail is not null) item["detail"] = detail;
        if (documentation is not null) item["documentation"] = Lsp.Markdown(documentation);
        if (sortPrefix is not null) item["sortText"] = sortPrefix + label;
        _items.Add(item);
    }

    /// <summary>The fields of an object schema, with their types.</summary>
    public void AddFields(SchemaNode? owner, CSharpTypes? csharp, string sortPrefix = "0")
    {
        if (owner?.Kind != SchemaKind.Object) return;
        foreach (var property in owner.Properties)
        {
            var csharpType = csharp?.Of(property.Type);
            var detail = property.Type.Describe() + (property.IsRequired ? string.Empty : " (optional)") + (csharpType is null ? string.Empty : " · C# " + csharpType);
            Add(property.Name, Lsp.CompletionKind.Field, detail, property.Type.Description, sortPrefix: sortPrefix);
        }
    }

    public JsonObject ToList() => new() { ["isIncomplete"] = false, ["items"] = new JsonArray(_items.Cast<JsonNode?>().ToArray()) };
}
