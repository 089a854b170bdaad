using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PromptGen.LanguageServer.Features;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.Fuzz;

/// <summary>
/// The <c>editor</c> target: what the language server computes while someone types. The input is the text of an open
/// document (an eval file when it has `cases:`, else a prompt or a partial by its length) in a small project on disk; semantic tokens,
/// code lenses, and hover, completion, go-to-definition, rename and quick fixes at positions spread over the text (and
/// past its end, as a client with a stale view sends) must each answer without an exception. The server turns an
/// exception into an error response and goes on, so nothing would crash for the user, but the feature fails for that text.
/// An <see cref="LspException"/> is an answer (rename refuses a name it cannot rename).
/// </summary>
internal static class EditorFeatures
{
    // Enough positions to reach every construct of a short document, few enough to keep executions fast.
    private const int MaxPositions = 24;

    private static readonly Lazy<Project> s_project = new(Project.Create);

    public static void Run(string text)
    {
        var project = s_project.Value;
        var document = project.Open(text);
        var context = new DocumentContext(project.Workspace, document);

        Answer("semantic tokens", () => SemanticTokensProvider.Tokens(context));
        Answer("code lenses", () => CodeLensProvider.Lenses(context));
        Answer("code actions", () => CodeActionProvider.Actions(context, CodeActionRequest(context)));
        foreach (var position in Positions(document.Text))
        {
            Answer($"hover at {position}", () => HoverProvider.Hover(context, position));
            Answer($"completion at {position}", () => CompletionProvider.Complete(context, position));
            Answer($"definition at {position}", () => DefinitionProvider.Define(context, position));
            Answer($"prepare rename at {position}", () => RenameProvider.Prepare(context, position));
            Answer($"rename at {position}", () => RenameProvider.Rename(context, position, "renamed_field"));
        }
    }

    private static void Answer(string feature, Func<JsonNode?> request)
    {
        try
        {
            request();
        }
        catch (LspException)
        {
            // An error response the feature chose to send.
        }
        catch (Exception exception) when (exception is not FuzzFinding)
        {
            throw new FuzzFinding($"{feature} threw {exception.GetType().Name}: {exception.Message}", exception);
        }
    }

    /// <summary>The quick-fix request a client sends for the diagnostics the server published for this text.</summary>
    private static JsonObject CodeActionRequest(DocumentContext context)
    {
        var diagnostics = new JsonArray();
        var semantics = context.Kind == DocumentKind.Prompt ? context.CompilePrompt() : null;
        foreach (var diagnostic in semantics?.Diagnostics ?? [])
        {
            diagnostics.Add(new JsonObject { ["range"] = Lsp.Range(diagnostic.Span), ["message"] = diagnostic.Message });
        }

        return new JsonObject { ["context"] = new JsonObject { ["diagnostics"] = diagnostics } };
    }

    /// <summary>Positions spread evenly over the text (UTF-16 columns, as LSP counts them), its end, and two past it.</summary>
    private static IEnumerable<(int Line, int Character)> Positions(string text)
    {
        var step = Math.Max(1, text.Length / MaxPositions);
        var line = 0;
        var lineStart = 0;
        for (var offset = 0; offset <= text.Length; offset++)
        {
            if (offset % step == 0 || offset == text.Length) yield return (line, offset - lineStart);
            if (offset < text.Length && text[offset] == '\n')
            {
                line++;
                lineStart = offset + 1;
            }
        }

        yield return (line, text.Length - lineStart + 5);
        yield return (line + 3, 0);
    }

    /// <summary>A project folder with a prompt, a partial and an eval file beside the document being typed.</summary>
    private sealed class Project
    {
        private readonly Dictionary<string, OpenDocument> _open = new(StringComparer.Ordinal);
        private readonly string _folder;
        private int _version;

        private Project(string root)
        {
            _folder = Path.Combine(root, "Prompts");
            Workspace = new ProjectWorkspace(root, _open);
        }

        public ProjectWorkspace Workspace { get; }

        public static Project Create()
        {
            // One folder per process: the target only reads it, and a fresh process writes the same files.
            var root = Path.Combine(Path.GetTempPath(), "promptgen-fuzz-editor-" + Environment.ProcessId);
            var prompts = Path.Combine(root, "Prompts");
            Directory.CreateDirectory(prompts);
            File.WriteAllText(Path.Combine(root, "Fuzz.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            File.WriteAllText(Path.Combine(prompts, "classify.prompt"), """
                ---
                input:
                  schema:
                    ticket: string
                    tags?(array): string
                output:
                  schema:
                    category(enum): [billing, other]
                ---
                {{> greeting}} {{ticket}}{{#each tags}} #{{this}}{{/each}}
                """);
            File.WriteAllText(Path.Combine(prompts, "_greeting.prompt"), "Hello {{name}}!");
            File.WriteAllText(Path.Combine(prompts, "classify.eval.yaml"), """
                cases:
                  - id: one
                    input: { ticket: "refund please" }
                    assert:
                      - { path: category, equals: billing }
                """);
            return new Project(root);
        }

        /// <summary>Opens <paramref name="text"/> as the only open document: a prompt, a partial or an eval file.</summary>
        public OpenDocument Open(string text)
        {
            // Eval files by their content, so the eval seeds are read as eval files (in place of the one on disk, so they link
            // to classify.prompt); the rest half prompts, half partials.
            var name = text.Contains("cases:", StringComparison.Ordinal) ? "classify.eval.yaml"
                : text.Length % 2 == 0 ? "fuzz.prompt"
                : "_fuzz_partial.prompt";
            var path = Path.Combine(_folder, name);
            _open.Clear();
            var document = new OpenDocument(new Uri(path).AbsoluteUri, path, text, ++_version);
            _open[path] = document;
            return document;
        }
    }

    /// <summary>Prompts, partials and eval files from the tests and samples.</summary>
    public static IEnumerable<(string, string)> Seeds(string root) =>
        SeedFiles.Find(root, ".prompt").Concat(SeedFiles.Find(root, ".eval.yaml"))
            .Select(file => (SeedFiles.NameOf(root, file), File.ReadAllText(file)));
}
