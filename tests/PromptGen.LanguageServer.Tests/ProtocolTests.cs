using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PromptGen.Language.Semantics;

namespace PromptGen.LanguageServer.Tests;

/// <summary>The server over the protocol: diagnostics equal to the build's, features at cursor positions, lifecycle.</summary>
public sealed class ProtocolTests
{
    private const string Broken =
        "---\n" +
        "input:\n" +
        "  schema:\n" +
        "    customer(object):\n" +
        "      name: string\n" +
        "    note?: string\n" +
        "---\n" +
        "Héllo 🎉 {{custmer.name}} {{customer.nme}}\n" +
        "{{shout note}}\n" +
        "{{> missing}}\n";

    [Fact]
    public async Task PublishedDiagnosticsEqualTheGeneratorsAndTheCheckCommands()
    {
        await using var server = await ServerFixture.StartAsync(Broken);
        // Two prompts mapping to the same class: a project-wide diagnostic (PG0301) only the build reports.
        server.Project.Write("Prompts/Other/greet.prompt", "---\nname: Greet\ncsharp.namespace: App.Prompts\n---\nHi\n");
        await server.Client.OpenAsync(server.PromptUri, Broken);
        var published = await server.Client.DiagnosticsAsync(server.PromptUri);
        var fromServer = published.Select(d => Key(d!)).OrderBy(k => k).ToList();

        var build = BuildDiagnostics(server.Project.Root).Where(d => d.Path == server.Project.PathOf("Prompts/Greet.prompt")).Select(d => d.Key).OrderBy(k => k).ToList();
        Assert.Equal(build, fromServer);
        Assert.Contains(fromServer, k => k.StartsWith("PG0203", StringComparison.Ordinal));
        Assert.Contains(fromServer, k => k.StartsWith("PG0202", StringComparison.Ordinal));
        Assert.Contains(fromServer, k => k.StartsWith("PG0206", StringComparison.Ordinal));

        // promptgen check's driver gives the same per-file diagnostics (naming is the build's alone).
        var check = PromptProject.For(server.Project.PathOf("Prompts/Greet.prompt")).Check(server.Project.PathOf("Prompts/Greet.prompt"))
            .Select(d => $"{d.Id} {d.Span.StartLine - 1}:{d.Span.StartColumn - 1}-{d.Span.EndLine - 1}:{d.Span.EndColumn - 1}").OrderBy(k => k).ToList();
        Assert.Equal(check, fromServer.Where(k => !k.StartsWith("PG03", StringComparison.Ordinal)).ToList());

        // The emoji before {{custmer}} counts two UTF-16 code units: "Héllo 🎉 {{" is 11.
        Assert.Contains("PG0203 7:11-7:18", fromServer);

        var other = await server.Client.DiagnosticsAsync(server.Project.UriOf("Prompts/Other/greet.prompt"));
        Assert.Contains(other, d => d!["code"]!.GetValue<string>() == "PG0301");
    }

    [Fact]
    public async Task EvalFileDiagnosticsAreTheBuilds()
    {
        await using var server = await ServerFixture.StartAsync();
        var uri = server.Project.UriOf("Prompts/Greet.eval.yaml");
        var text = "cases:\n  - id: first\n    input: { customer: { name: Ada }, tickets: [], colour: red }\n    assert:\n      - { path: replly, contains: x }\n";
        await server.Client.OpenAsync(uri, text);
        var published = await server.Client.DiagnosticsAsync(uri);
        var codes = published.Select(d => d!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("PG0502", codes);
        Assert.Contains("PG0503", codes);
        server.Project.Write("Prompts/Greet.eval.yaml", text);
        var build = BuildDiagnostics(server.Project.Root).Where(d => d.Path == server.Project.PathOf("Prompts/Greet.eval.yaml")).Select(d => d.Key).OrderBy(k => k);
        Assert.Equal(build, published.Select(d => Key(d!)).OrderBy(k => k));
    }

    [Fact]
    public async Task AFixClearsTheDiagnostics()
    {
        await using var server = await ServerFixture.StartAsync();
        var broken = Fixtures.Frontmatter + "{{custmer.name}} {{tickets}} {{note}}\n";
        await server.Client.OpenAsync(server.PromptUri, broken);
        var first = await server.Client.DiagnosticsAsync(server.PromptUri, d => d.Count > 0);
        Assert.Contains(first, d => d!["code"]!.GetValue<string>() == "PG0203");
        var count = server.Client.DiagnosticsCount(server.PromptUri);

        var fixedText = Fixtures.Frontmatter + "{{customer.name}} {{tickets}} {{note}}\n";
        await server.Client.ChangeAsync(server.PromptUri, fixedText, 2);
        var after = await server.Client.DiagnosticsAsync(server.PromptUri, d => true, after: count);
        Assert.Empty(after);
    }

    [Fact]
    public async Task DebouncedEditsStillEndInTheLatestDiagnostics()
    {
        await using var server = await ServerFixture.StartAsync(options: new LanguageServerOptions { DiagnosticsDelay = TimeSpan.FromMilliseconds(50) });
        await server.Client.OpenAsync(server.PromptUri, Fixtures.Greet);
        await server.Client.DiagnosticsAsync(server.PromptUri);
        for (var version = 2; version < 6; version++)
        {
            await server.Client.ChangeAsync(server.PromptUri, Fixtures.Frontmatter + $"{{{{customer.nam{version}}}}}\n", version);
        }

        var last = await server.Client.DiagnosticsAsync(server.PromptUri, d => d.Any(x => x!["message"]!.GetValue<string>().Contains("nam5")));
        Assert.Contains(last, d => d!["code"]!.GetValue<string>() == "PG0203");
    }

    [Fact]
    public async Task QuickFixReplacesTheMisspeltName()
    {
        await using var server = await ServerFixture.StartAsync();
        var text = Fixtures.Frontmatter + "🎉 {{custmer.name}} {{tickets}} {{note}}\n";
        await server.Client.OpenAsync(server.PromptUri, text);
        var diagnostics = await server.Client.DiagnosticsAsync(server.PromptUri, d => d.Count > 0);
        var pg0203 = diagnostics.First(d => d!["code"]!.GetValue<string>() == "PG0203")!;
        var actions = (await server.Client.CallAsync("textDocument/codeAction", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = server.PromptUri },
            ["range"] = pg0203["range"]!.DeepClone(),
            ["context"] = new JsonObject { ["diagnostics"] = new JsonArray(pg0203.DeepClone()) },
        }))!.AsArray();
        var action = Assert.Single(actions)!;
        var edit = action["edit"]!["changes"]![server.PromptUri]![0]!;
        Assert.Equal("customer", edit["newText"]!.GetValue<string>());
        Assert.Equal(5, edit["range"]!["start"]!["character"]!.GetValue<int>());

        var fixedText = Fixtures.Frontmatter + "🎉 {{customer.name}} {{tickets}} {{note}}\n";
        var count = server.Client.DiagnosticsCount(server.PromptUri);
        await server.Client.ChangeAsync(server.PromptUri, fixedText, 2);
        Assert.Empty(await server.Client.DiagnosticsAsync(server.PromptUri, d => true, after: count));
    }

    [Fact]
    public async Task HoverShowsTypeCSharpTypeAndDescription()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Client.OpenAsync(server.PromptUri, Fixtures.Greet);
        // Line 17: "Héllo 日本 🎉 {{customer.name}}": "name" starts at UTF-16 column 23.
        var hover = await server.Client.CallAsync("textDocument/hover", LspClient.At(server.PromptUri, 17, 24));
        var markdown = hover!["contents"]!["value"]!.GetValue<string>();
        Assert.Contains("customer.name: string", markdown);
        Assert.Contains("C#: `string Name`", markdown);
        Assert.Contains("the customer's full name", markdown);
        Assert.Equal(23, hover["range"]!["start"]!["character"]!.GetValue<int>());

        var list = await server.Client.CallAsync("textDocument/hover", LspClient.At(server.PromptUri, 18, 10));
        Assert.Contains("IReadOnlyList<GreetPrompt.", list!["contents"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task DefinitionGoesToTheSchemaFieldAndToThePartial()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Client.OpenAsync(server.PromptUri, Fixtures.Greet);
        var field = await server.Client.CallAsync("textDocument/definition", LspClient.At(server.PromptUri, 19, 6));
        Assert.Equal(server.PromptUri, field!["uri"]!.GetValue<string>());
        Assert.Equal(8, field["range"]!["start"]!["line"]!.GetValue<int>()); // "      subject: string"

        var outer = await server.Client.CallAsync("textDocument/definition", LspClient.At(server.PromptUri, 19, 23));
        Assert.Equal(9, outer!["range"]!["start"]!["line"]!.GetValue<int>()); // ../note → "    note?: string"

        var partial = await server.Client.CallAsync("textDocument/definition", LspClient.At(server.PromptUri, 22, 5));
        Assert.Equal(server.Project.UriOf("Prompts/_signature.prompt"), partial!["uri"]!.GetValue<string>());
    }

    [Fact]
    public async Task RenameChangesTheSchemaTemplatePartialAndEvalCases()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Client.OpenAsync(server.PromptUri, Fixtures.Greet);
        var prepare = await server.Client.CallAsync("textDocument/prepareRename", LspClient.At(server.PromptUri, 17, 17));
        Assert.Equal("customer", prepare!["placeholder"]!.GetValue<string>());

        var edit = await server.Client.CallAsync("textDocument/rename", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = server.PromptUri },
            ["position"] = LspClient.Position(17, 17),
            ["newName"] = "client",
        });
        var changes = edit!["changes"]!.AsObject();
        var prompt = Apply(Fixtures.Greet, changes[server.PromptUri]!.AsArray());
        Assert.Contains("    client(object, the customer):", prompt);
        Assert.Contains("{{client.name}}", prompt);
        Assert.Contains("{{#with client}}", prompt);
        Assert.Equal(Fixtures.Signature.Replace("customer", "client"), Apply(Fixtures.Signature, changes[server.Project.UriOf("Prompts/_signature.prompt")]!.AsArray()));
        Assert.Contains("      client: { name: Ada }", Apply(Fixtures.Eval, changes[server.Project.UriOf("Prompts/Greet.eval.yaml")]!.AsArray()));

        // The renamed project is still clean for the build.
        server.Project.Write("Prompts/Greet.prompt", prompt);
        server.Project.Write("Prompts/_signature.prompt", Fixtures.Signature.Replace("customer", "client"));
        server.Project.Write("Prompts/Greet.eval.yaml", Apply(Fixtures.Eval, changes[server.Project.UriOf("Prompts/Greet.eval.yaml")]!.AsArray()));
        Assert.DoesNotContain(BuildDiagnostics(server.Project.Root), d => d.Key.Contains("PG02") || d.Key.Contains("PG05"));
    }

    [Fact]
    public async Task SemanticTokensMarkFieldsHelpersAndPartials()
    {
        await using var server = await ServerFixture.StartAsync();
        await server.Client.OpenAsync(server.PromptUri, Fixtures.Greet);
        var tokens = await server.Client.CallAsync("textDocument/semanticTokens/full", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = server.PromptUri } });
        var data = tokens!["data"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
        Assert.Equal(0, data.Length % 5);
        var decoded = new List<(int Line, int Character, int Length, int Type)>();
        int line = 0, character = 0;
        for (var i = 0; i < data.Length; i += 5)
        {
            line += data[i];
            character = data[i] == 0 ? character + data[i + 1] : data[i + 1];
            decoded.Add((line, character, data[i + 2], data[i + 3]));
        }

        Assert.Contains((16, 2, 4, 3), decoded);   // role: function
        Assert.Contains((17, 14, 13, 0), decoded); // customer.name after the emoji: property
        Assert.Contains((22, 4, 9, 5), decoded);   // signature: namespace
    }

    [Fact]
    public async Task CodeLensesRenderACaseWithTheRuntimeRenderer()
    {
        await using var server = await ServerFixture.StartAsync();
        var uri = server.Project.UriOf("Prompts/Greet.eval.yaml");
        await server.Client.OpenAsync(uri, Fixtures.Eval);
        var lenses = (await server.Client.CallAsync("textDocument/codeLens", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }))!.AsArray();
        var titles = lenses.Select(l => l!["command"]!["title"]!.GetValue<string>()).ToList();
        Assert.Contains("Render with this case's input", titles);
        Assert.Contains("Run this case", titles);
        var render = lenses.First(l => l!["command"]!["title"]!.GetValue<string>() == "Render with this case's input")!["command"]!;
        var rendered = await server.Client.CallAsync("workspace/executeCommand", new JsonObject
        {
            ["command"] = render["command"]!.GetValue<string>(),
            ["arguments"] = render["arguments"]!.DeepClone(),
        });
        var content = rendered!["content"]!.GetValue<string>();
        Assert.Contains("Héllo 日本 🎉 Ada", content);
        Assert.Contains("Refund", content);
        Assert.Contains("Regards, Ada", content);

        var run = await server.Client.RequestAsync("workspace/executeCommand", new JsonObject
        {
            ["command"] = "promptgen.runCase",
            ["arguments"] = new JsonArray(uri, "first"),
        });
        Assert.Contains("no eval runner", run["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunThisCaseGoesThroughTheHostsRunner()
    {
        var runner = new RecordingRunner();
        await using var server = await ServerFixture.StartAsync(options: new LanguageServerOptions { DiagnosticsDelay = TimeSpan.Zero, CaseRunner = runner });
        var uri = server.Project.UriOf("Prompts/Greet.eval.yaml");
        var result = await server.Client.CallAsync("workspace/executeCommand", new JsonObject { ["command"] = "promptgen.runCase", ["arguments"] = new JsonArray(uri, "first") });
        Assert.Equal((server.Project.PathOf("Prompts/Greet.eval.yaml"), "first", "replay"), runner.Calls.Single());
        Assert.False(result!["passed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ShutdownThenExitEndsCleanly()
    {
        var client = LspClient.InProcess();
        var initialize = await client.InitializeAsync("file:///");
        Assert.Equal("utf-16", initialize["capabilities"]!["positionEncoding"]!.GetValue<string>());
        var beforeShutdown = await client.RequestAsync("textDocument/hover", LspClient.At("file:///nothing.prompt", 0, 0));
        Assert.Null(beforeShutdown["error"]);
        Assert.Null(await client.CallAsync("shutdown", null));
        var afterShutdown = await client.RequestAsync("textDocument/hover", LspClient.At("file:///nothing.prompt", 0, 0));
        Assert.Equal(-32600, afterShutdown["error"]!["code"]!.GetValue<int>());
        await client.NotifyAsync("exit", null);
        Assert.Equal(0, await client.ServerRun!.WaitAsync(TimeSpan.FromSeconds(30)));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task ExitWithoutShutdownReportsFailureAndBadInputNeverCrashes()
    {
        var client = LspClient.InProcess();
        var early = await client.RequestAsync("textDocument/hover", LspClient.At("file:///x.prompt", 0, 0));
        Assert.Equal(-32002, early["error"]!["code"]!.GetValue<int>());
        await client.InitializeAsync("file:///");
        var unknown = await client.RequestAsync("textDocument/unknownThing", new JsonObject());
        Assert.Equal(-32601, unknown["error"]!["code"]!.GetValue<int>());
        var badUri = await client.RequestAsync("textDocument/hover", LspClient.At("https://example.invalid/x.prompt", 0, 0));
        Assert.Equal(-32602, badUri["error"]!["code"]!.GetValue<int>());
        await client.NotifyAsync("exit", null);
        Assert.Equal(1, await client.ServerRun!.WaitAsync(TimeSpan.FromSeconds(30)));
        await client.DisposeAsync();
    }

    private sealed class RecordingRunner : IEvalCaseRunner
    {
        public List<(string, string?, string)> Calls { get; } = new();

        public Task<EvalCaseRunResult> RunAsync(string evalFilePath, string? caseId, string mode, CancellationToken cancellationToken)
        {
            Calls.Add((evalFilePath, caseId, mode));
            return Task.FromResult(new EvalCaseRunResult(false, "PG1003: recording missing"));
        }
    }

    private static string Key(JsonNode diagnostic)
    {
        var range = diagnostic["range"]!;
        return $"{diagnostic["code"]!.GetValue<string>()} {range["start"]!["line"]}:{range["start"]!["character"]}-{range["end"]!["line"]}:{range["end"]!["character"]}";
    }

    /// <summary>What a build of the folder reports: the generator run as the compiler runs it, over every prompt and eval file.</summary>
    internal static List<(string Path, string Key)> BuildDiagnostics(string root)
    {
        var texts = ProjectFiles.Enumerate(root).Select(path => (AdditionalText)new FileText(path, File.ReadAllText(path))).ToImmutableArray();
        var options = new Options(new Dictionary<string, string> { ["build_property.RootNamespace"] = "App", ["build_property.ProjectDir"] = root + Path.DirectorySeparatorChar });
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new PromptGen.Generator.PromptGenerator().AsSourceGenerator() }, texts, optionsProvider: new OptionsProvider(options));
        driver = driver.RunGenerators(CSharpCompilation.Create("Build"));
        return driver.GetRunResult().Diagnostics.Select(d =>
        {
            var span = d.Location.GetLineSpan();
            return (span.Path, $"{d.Id} {span.StartLinePosition.Line}:{span.StartLinePosition.Character}-{span.EndLinePosition.Line}:{span.EndLinePosition.Character}");
        }).ToList();
    }

    private static string Apply(string text, JsonArray edits)
    {
        var lines = new Language.Text.LineMap(text);
        foreach (var edit in edits.OrderByDescending(e => e!["range"]!["start"]!["line"]!.GetValue<int>()).ThenByDescending(e => e!["range"]!["start"]!["character"]!.GetValue<int>()))
        {
            var start = lines.GetOffset(edit!["range"]!["start"]!["line"]!.GetValue<int>() + 1, edit["range"]!["start"]!["character"]!.GetValue<int>() + 1);
            var end = lines.GetOffset(edit["range"]!["end"]!["line"]!.GetValue<int>() + 1, edit["range"]!["end"]!["character"]!.GetValue<int>() + 1);
            text = text.Substring(0, start) + edit["newText"]!.GetValue<string>() + text.Substring(end);
        }

        return text;
    }

    private sealed class FileText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions global) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions => global;

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new());
    }

    private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
