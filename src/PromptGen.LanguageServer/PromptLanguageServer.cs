using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using PromptGen.Language.Semantics;
using PromptGen.LanguageServer.Commands;
using PromptGen.LanguageServer.Features;
using PromptGen.LanguageServer.Protocol;
using PromptGen.LanguageServer.Workspace;

namespace PromptGen.LanguageServer;

/// <summary>
/// The PromptGen language server: LSP over a pair of streams (stdin/stdout for <c>promptgen lsp</c>). Diagnostics are
/// the build's own (the source generator runs over the open workspace); completion, hover, definition, rename, semantic
/// tokens, quick fixes and code lenses read the language core's semantic model.
/// </summary>
public sealed class PromptLanguageServer : IMessageHandler
{
    private readonly LanguageServerOptions _options;
    private readonly JsonRpcConnection _connection;
    private readonly Dictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectWorkspace> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _published = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CancellationTokenSource? _pendingDiagnostics;
    private bool _initialized;
    private bool _shutdownRequested;
    private bool _exited;
    private string _runMode = "replay";

    /// <param name="input">Where client messages arrive (stdin).</param>
    /// <param name="output">Where responses and notifications go (stdout).</param>
    /// <param name="options">Server options; null for the defaults.</param>
    public PromptLanguageServer(Stream input, Stream output, LanguageServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        _options = options ?? new LanguageServerOptions();
        _connection = new JsonRpcConnection(new MessageFraming(input, output), this);
    }

    /// <summary>
    /// Serves until the client sends <c>exit</c> or closes the input. Returns the process exit code LSP prescribes:
    /// 0 when <c>shutdown</c> came before <c>exit</c>, else 1.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await _connection.RunAsync(cancellationToken).ConfigureAwait(false);
        _pendingDiagnostics?.Cancel();
        return _exited && _shutdownRequested ? 0 : 1;
    }

    async Task<JsonNode?> IMessageHandler.HandleRequestAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        if (method == "initialize")
        {
            _initialized = true;
            ReadSettings(parameters?["initializationOptions"]);
            return Capabilities.Initialize();
        }

        if (!_initialized) throw new LspException(LspException.ServerNotInitialized, "The server has not been initialized.");
        if (_shutdownRequested) throw new LspException(LspException.InvalidRequest, "The server is shutting down.");
        if (method == "shutdown")
        {
            _shutdownRequested = true;
            _pendingDiagnostics?.Cancel();
            return null;
        }

        if (method == "workspace/executeCommand") return await ExecuteCommandAsync(parameters, cancellationToken).ConfigureAwait(false);

        if (method.StartsWith("$/", StringComparison.Ordinal)) return null;
        if (!Capabilities.Requests.Contains(method)) throw new LspException(LspException.MethodNotFound, $"Method not supported: {method}");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var context = method.StartsWith("textDocument/", StringComparison.Ordinal) ? Context(Lsp.Uri(parameters)) : null;
            return method switch
            {
                "textDocument/completion" => context is null ? null : CompletionProvider.Complete(context, Lsp.ReadPosition(parameters?["position"])),
                "textDocument/hover" => context is null ? null : HoverProvider.Hover(context, Lsp.ReadPosition(parameters?["position"])),
                "textDocument/definition" => context is null ? null : DefinitionProvider.Define(context, Lsp.ReadPosition(parameters?["position"])),
                "textDocument/prepareRename" => context is null ? null : RenameProvider.Prepare(context, Lsp.ReadPosition(parameters?["position"])),
                "textDocument/rename" => context is null ? null : RenameProvider.Rename(context, Lsp.ReadPosition(parameters?["position"]),
                    Lsp.RequiredString(parameters, "newName")),
                "textDocument/semanticTokens/full" => context is null ? null : SemanticTokensProvider.Tokens(context),
                "textDocument/codeAction" => context is null ? null : CodeActionProvider.Actions(context, parameters),
                "textDocument/codeLens" => context is null ? null : CodeLensProvider.Lenses(context),
                _ => throw new LspException(LspException.MethodNotFound, $"Method not supported: {method}"),
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task IMessageHandler.HandleNotificationAsync(string method, JsonNode? parameters, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case "exit":
                _exited = true;
                _connection.Stop();
                return;
            case "initialized":
            case "$/cancelRequest":
            case "$/setTrace":
                return;
            case "workspace/didChangeConfiguration":
                ReadSettings(parameters?["settings"]?["promptgen"]);
                return;
        }

        if (!_initialized || _shutdownRequested) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var publishNow = false;
        try
        {
            switch (method)
            {
                case "textDocument/didOpen":
                {
                    var item = parameters?["textDocument"] ?? throw new LspException(LspException.InvalidParams, "textDocument is required.");
                    var uri = item["uri"]!.GetValue<string>();
                    var path = DocumentUris.ToPath(uri);
                    _documents[path] = new OpenDocument(uri, path, item["text"]?.GetValue<string>() ?? string.Empty, item["version"]?.GetValue<int>() ?? 0);
                    Project(path);
                    publishNow = true;
                    break;
                }

                case "textDocument/didChange":
                {
                    var document = Document(Lsp.Uri(parameters));
                    var text = document.Text;
                    foreach (var change in parameters?["contentChanges"]?.AsArray() ?? new JsonArray())
                    {
                        text = TextChanges.Apply(text, change);
                    }

                    document.Update(text, parameters?["textDocument"]?["version"]?.GetValue<int>() ?? document.Version + 1);
                    break;
                }

                case "textDocument/didSave":
                    foreach (var project in _projects.Values) project.RefreshDisk();
                    break;
                case "textDocument/didClose":
                {
                    var path = DocumentUris.ToPath(Lsp.Uri(parameters));
                    _documents.Remove(path);
                    break;
                }

                case "workspace/didChangeWatchedFiles":
                    foreach (var project in _projects.Values) project.RefreshDisk();
                    publishNow = true;
                    break;
                default:
                    return;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (publishNow || _options.DiagnosticsDelay <= TimeSpan.Zero)
        {
            await PublishDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            ScheduleDiagnostics(cancellationToken);
        }
    }

    Task IMessageHandler.LogAsync(string message, CancellationToken cancellationToken) =>
        _connection.NotifyAsync("window/logMessage", new JsonObject { ["type"] = 1, ["message"] = message }, cancellationToken);

    private void ScheduleDiagnostics(CancellationToken cancellationToken)
    {
        _pendingDiagnostics?.Cancel();
        var pending = _pendingDiagnostics = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(_options.DiagnosticsDelay, pending.Token).ConfigureAwait(false);
                await PublishDiagnosticsAsync(pending.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A newer edit supersedes this one.
            }
        }, CancellationToken.None);
    }

    /// <summary>Runs the build's checks over every project with an open document and publishes what changed.</summary>
    private async Task PublishDiagnosticsAsync(CancellationToken cancellationToken)
    {
        var notifications = new List<JsonObject>();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var active = _documents.Values.Select(d => Project(d.Path)).Distinct().ToList();
            foreach (var project in active)
            {
                var byPath = project.Diagnostics(cancellationToken).GroupBy(d => d.Path, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
                var previously = _published.TryGetValue(project.Root, out var set) ? set : new HashSet<string>(StringComparer.Ordinal);
                var paths = new HashSet<string>(byPath.Keys, StringComparer.Ordinal);
                paths.UnionWith(previously);
                paths.UnionWith(_documents.Keys.Where(project.Contains));
                foreach (var path in paths.OrderBy(p => p, StringComparer.Ordinal))
                {
                    var found = byPath.TryGetValue(path, out var list) ? list : new List<FileDiagnostic>();
                    var uri = _documents.TryGetValue(path, out var open) ? open.Uri : DocumentUris.FromPath(path);
                    var array = new JsonArray(found.Select(ToLsp).ToArray<JsonNode?>());
                    var notification = new JsonObject { ["uri"] = uri, ["diagnostics"] = array };
                    if (open is not null) notification["version"] = open.Version;
                    notifications.Add(notification);
                }

                _published[project.Root] = new HashSet<string>(byPath.Keys, StringComparer.Ordinal);
            }
        }
        finally
        {
            _gate.Release();
        }

        foreach (var notification in notifications)
        {
            await _connection.NotifyAsync("textDocument/publishDiagnostics", notification, cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonObject ToLsp(FileDiagnostic diagnostic) => new()
    {
        ["range"] = Lsp.Range(diagnostic.StartLine, diagnostic.StartCharacter, diagnostic.EndLine, diagnostic.EndCharacter),
        ["severity"] = diagnostic.Severity switch
        {
            DiagnosticSeverity.Error => Lsp.Severity.Error,
            DiagnosticSeverity.Warning => Lsp.Severity.Warning,
            DiagnosticSeverity.Info => Lsp.Severity.Information,
            _ => Lsp.Severity.Hint,
        },
        ["code"] = diagnostic.Id,
        ["source"] = "promptgen",
        ["message"] = diagnostic.Message,
    };

    private async Task<JsonNode?> ExecuteCommandAsync(JsonNode? parameters, CancellationToken cancellationToken)
    {
        var command = Lsp.RequiredString(parameters, "command");
        var arguments = parameters?["arguments"]?.AsArray() ?? new JsonArray();
        var uri = arguments.Count > 0 ? arguments[0]?.GetValue<string>() : null;
        var caseId = arguments.Count > 1 ? arguments[1]?.GetValue<string>() : null;
        if (uri is null) throw new LspException(LspException.InvalidParams, $"{command} needs the eval file's URI as its first argument.");
        switch (command)
        {
            case EvalCommands.RenderCase:
            {
                await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return EvalCommands.Render(ContextOrDisk(uri), caseId);
                }
                finally
                {
                    _gate.Release();
                }
            }

            case EvalCommands.RunCase:
                return await EvalCommands.RunAsync(_options.CaseRunner, DocumentUris.ToPath(uri), caseId, _runMode, cancellationToken).ConfigureAwait(false);
            default:
                throw new LspException(LspException.InvalidParams, $"Unknown command: {command}");
        }
    }

    private void ReadSettings(JsonNode? settings)
    {
        if (settings?["evalMode"] is JsonValue value && value.TryGetValue<string>(out var mode) && mode is "replay" or "auto" or "record" or "live")
        {
            _runMode = mode;
        }
    }

    private OpenDocument Document(string uri)
    {
        var path = DocumentUris.ToPath(uri);
        return _documents.TryGetValue(path, out var document)
            ? document
            : throw new LspException(LspException.InvalidParams, $"The document is not open: {uri}");
    }

    private DocumentContext? Context(string uri)
    {
        var path = DocumentUris.ToPath(uri);
        return _documents.TryGetValue(path, out var document) ? new DocumentContext(Project(path), document) : null;
    }

    /// <summary>An open document's context, or the file on disk read as if it were open (commands may name closed files).</summary>
    private DocumentContext ContextOrDisk(string uri)
    {
        if (Context(uri) is { } open) return open;
        var path = DocumentUris.ToPath(uri);
        var project = Project(path);
        var text = project.TextOf(path) ?? throw new LspException(LspException.InvalidParams, $"No such file: {path}");
        return new DocumentContext(project, new OpenDocument(uri, path, text, 0));
    }

    private ProjectWorkspace Project(string path)
    {
        var root = PromptProject.FindRoot(path);
        if (!_projects.TryGetValue(root, out var project)) _projects[root] = project = new ProjectWorkspace(root, _documents);
        return project;
    }
}
