using System.Text.Json.Nodes;
using PromptGen.Language.Evals;
using PromptGen.Language.Semantics;
using PromptGen.Language.Text;
using PromptGen.Language.Yaml;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer.Features;

/// <summary>
/// Renames a top-level input field everywhere the build reads it: its declaration in the input schema, its
/// <c>input.default</c> entry, every template path that reads it (in the prompt and in the partials it includes, where
/// the partial sees the prompt's input), and the case inputs of the eval files that test the prompt.
/// </summary>
internal static class RenameProvider
{
    public static JsonObject? Prepare(DocumentContext context, (int Line, int Character) position)
    {
        var target = Find(context, position);
        return target is null ? null : new JsonObject { ["range"] = Lsp.Range(target.Value.Span), ["placeholder"] = target.Value.Field };
    }

    public static JsonObject? Rename(DocumentContext context, (int Line, int Character) position, string newName)
    {
        if (!Language.Naming.IdentifierNames.IsValidIdentifier(newName.Replace('-', '_')) && !IsFieldName(newName))
        {
            throw new LspException(LspException.InvalidParams, $"'{newName}' is not a valid field name.");
        }

        var target = Find(context, position) ?? throw new LspException(LspException.RequestFailed, "Only input fields can be renamed; there is none here.");
        var semantics = target.Semantics;
        var field = target.Field;
        var edits = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        void Add(string path, SourceSpan span)
        {
            var uri = path == context.Document.Path ? context.Document.Uri : DocumentUris.FromPath(path);
            if (!edits.TryGetValue(uri, out var list)) edits[uri] = list = new List<JsonObject>();
            if (list.Any(e => e["range"]!.ToJsonString() == Lsp.Range(span).ToJsonString())) return;
            list.Add(Lsp.TextEdit(Lsp.Range(span), newName));
        }

        var root = semantics.Input!;
        if (root.FindProperty(field)?.KeySpan is { } declaration) Add(semantics.Path, NameSpan(semantics.Parsed.Text, declaration, field));
        if (semantics.Metadata.Frontmatter?["input"]?["default"]?.FindEntry(field) is { } defaultEntry) Add(semantics.Path, defaultEntry.KeySpan);
        var binding = semantics.Binding!;
        foreach (var symbol in TemplateSymbols.Paths(semantics.Template, binding, root))
        {
            if (symbol.IsRootField && symbol.Path.Parts[symbol.Index] == field) Add(semantics.Path, symbol.Span);
        }

        // Partials are bound in the prompt's context: where a partial's scope is the prompt's input, its paths read it too.
        foreach (var name in ReachedPartials(semantics))
        {
            if (semantics.Partials.Resolve(name) is not { } partial || partial.Path.Length == 0) continue;
            foreach (var symbol in TemplateSymbols.Paths(partial.Template, binding, root))
            {
                if (symbol.IsRootField && symbol.Path.Parts[symbol.Index] == field) Add(partial.Path, symbol.Span);
            }
        }

        foreach (var evalPath in context.Workspace.EvalPaths)
        {
            var (file, prompt) = context.Workspace.LoadEval(evalPath);
            if (prompt is null || !string.Equals(Path.GetFullPath(prompt.Path), Path.GetFullPath(semantics.Path), StringComparison.Ordinal)) continue;
            foreach (var evalCase in file.Cases)
            {
                if (evalCase.InputNode?.FindEntry(field) is { } entry) Add(evalPath, entry.KeySpan);
            }
        }

        var changes = new JsonObject();
        foreach (var (uri, list) in edits) changes[uri] = new JsonArray(list.Cast<JsonNode?>().ToArray());
        return new JsonObject { ["changes"] = changes };
    }

    private readonly record struct Target(PromptSemantics Semantics, string Field, SourceSpan Span);

    /// <summary>The input field at the position: a template path segment that reads it, or its declaration.</summary>
    private static Target? Find(DocumentContext context, (int Line, int Character) position)
    {
        var semantics = context.CompilePrompt();
        if (semantics?.Binding is not { } binding || semantics.Input is not { } root) return null;
        var offset = context.OffsetOf(position);
        if (TemplateSymbols.At(semantics.Template, binding, root, offset) is { IsRootField: true } symbol)
        {
            return new Target(semantics, symbol.Path.Parts[symbol.Index], symbol.Span);
        }

        foreach (var property in root.Properties)
        {
            if (property.KeySpan is { } key && offset >= key.Start && offset <= key.End)
            {
                return new Target(semantics, property.Name, NameSpan(semantics.Parsed.Text, key, property.Name));
            }
        }

        return null;
    }

    /// <summary>The field name inside a declaration key such as <c>name?</c> or <c>tags(array, the tags)</c>.</summary>
    private static SourceSpan NameSpan(string text, SourceSpan key, string name)
    {
        var index = text.IndexOf(name, key.Start, Math.Max(0, Math.Min(text.Length, key.End + name.Length) - key.Start), StringComparison.Ordinal);
        if (index < 0) return key;
        return new LineMap(text).GetSpan(index, index + name.Length);
    }

    private static IEnumerable<string> ReachedPartials(PromptSemantics semantics)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(semantics.Parsed.ReferencedPartials);
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (!seen.Add(name)) continue;
            if (semantics.Partials.Resolve(name) is { } partial)
            {
                foreach (var next in PartialReferences.Of(partial.Template)) pending.Enqueue(next);
            }
        }

        return seen;
    }

    private static bool IsFieldName(string name) => name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-');
}
