using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace PromptGen.LanguageServer.Tests;

/// <summary>
/// Completion at marked cursor positions (‸) in a corpus of prompts: input fields at every scope, helpers, their
/// arguments, partials, frontmatter keys and Picoschema types, with non-ASCII text before the cursor.
/// </summary>
public sealed class CompletionCorpusTests
{
    public static TheoryData<string, string, string, string> Corpus => new()
    {
        { "root fields and helpers", Fixtures.Frontmatter + "{{‸}}\n", "customer,tickets,note,role,json,media", "id,subject" },
        { "#each item scope", Fixtures.Frontmatter + "{{#each tickets}}{{‸}}{{/each}}\n", "id,subject,@index", "customer" },
        { "../ reaches the outer context", Fixtures.Frontmatter + "{{#each tickets}}{{../‸}}{{/each}}\n", "customer,tickets,note", "id" },
        { "@root from inside a block", Fixtures.Frontmatter + "{{#each tickets}}{{@root.customer.‸}}{{/each}}\n", "name,tier", "id" },
        { "block parameter", Fixtures.Frontmatter + "{{#each tickets as |t|}}{{t.‸}}{{/each}}\n", "id,subject", "customer" },
        { "block parameter name", Fixtures.Frontmatter + "{{#each tickets as |t i|}}{{‸}}{{/each}}\n", "t,i,id", "customer" },
        { "#with scope", Fixtures.Frontmatter + "{{#with customer}}{{‸}}{{/with}}\n", "name,tier", "tickets" },
        { "nested path", Fixtures.Frontmatter + "{{customer.‸}}\n", "name,tier", "customer" },
        { "non-ASCII before the cursor", Fixtures.Frontmatter + "Héllo 日本 🎉 café {{customer.na‸}}\n", "name", "tickets" },
        { "unfinished mustache in a block", Fixtures.Frontmatter + "{{#each tickets}}\n{{su‸\n{{/each}}\n", "subject,id", "customer" },
        { "partial names", Fixtures.Frontmatter + "{{> ‸}}\n", "signature", "customer" },
        { "block helpers", Fixtures.Frontmatter + "{{#‸}}\n", "each,if,unless,with", "json" },
        { "role names", Fixtures.Frontmatter + "{{role ‸}}\n", "\"system\",\"user\",\"model\",\"tool\"", "" },
        { "media arguments", Fixtures.Frontmatter + "{{media ‸}}\n", "url=,contentType=", "" },
        // The editor offers the key=value arguments the checker accepts (includeZero on #if and #unless, not on #each).
        { "#unless arguments", Fixtures.Frontmatter + "{{#unless note ‸}}{{/unless}}\n", "includeZero=", "" },
        { "#each arguments", Fixtures.Frontmatter + "{{#each tickets ‸}}{{/each}}\n", "", "includeZero=" },
        { "frontmatter keys", "---\nmod‸\n---\nHi\n", "model,input,output,config,csharp.class", "" },
        { "input keys", "---\ninput:\n  sch‸\n---\nHi\n", "schema,default", "model" },
        { "Picoschema types", "---\ninput:\n  schema:\n    note?: str‸\n---\n{{note}}\n", "string,integer,boolean,number", "" },
        { "Picoschema parenthetical", "---\ninput:\n  schema:\n    tags(arr‸\n---\n{{tags}}\n", "array,object,enum", "" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Completes(string name, string marked, string expected, string unexpected)
    {
        var caret = marked.IndexOf('‸');
        var text = marked.Remove(caret, 1);
        await using var server = await ServerFixture.StartAsync();
        var uri = server.Project.UriOf("Prompts/Corpus.prompt");
        server.Project.Write("Prompts/Corpus.prompt", text);
        await server.Client.OpenAsync(uri, text);
        var (line, character) = Position(text, caret);
        var result = await server.Client.CallAsync("textDocument/completion", LspClient.At(uri, line, character));
        var labels = result?["items"]?.AsArray().Select(i => i!["label"]!.GetValue<string>()).ToList() ?? new();
        foreach (var label in expected.Split(',', StringSplitOptions.RemoveEmptyEntries)) Assert.True(labels.Contains(label), $"{name}: '{label}' missing from [{string.Join(", ", labels)}]");
        foreach (var label in unexpected.Split(',', StringSplitOptions.RemoveEmptyEntries)) Assert.False(labels.Contains(label), $"{name}: '{label}' offered in [{string.Join(", ", labels)}]");

        // Every item replaces exactly the word typed before the cursor, in UTF-16 positions.
        foreach (var item in result!["items"]!.AsArray().Where(i => !i!["label"]!.GetValue<string>().StartsWith('@')))
        {
            var range = item!["textEdit"]!["range"]!;
            Assert.Equal(line, range["end"]!["line"]!.GetValue<int>());
            Assert.Equal(character, range["end"]!["character"]!.GetValue<int>());
        }

        if (name == "non-ASCII before the cursor")
        {
            var nameItem = result["items"]!.AsArray().First(i => i!["label"]!.GetValue<string>() == "name")!;
            // "Héllo 日本 🎉 café {{customer." is 28 UTF-16 code units (the emoji counts two).
            Assert.Equal(28, nameItem["textEdit"]!["range"]!["start"]!["character"]!.GetValue<int>());
            Assert.Equal(30, character);
            Assert.Contains("C# string", nameItem["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task EvalFileCompletesCaseInputsAndAssertionPaths()
    {
        await using var server = await ServerFixture.StartAsync();
        var uri = server.Project.UriOf("Prompts/Greet.eval.yaml");
        var text = "cases:\n  - id: first\n    input:\n      cu\n    assert:\n      - { path: details.m }\n";
        await server.Client.OpenAsync(uri, text);

        var inputs = await server.Client.CallAsync("textDocument/completion", LspClient.At(uri, 3, 8));
        var inputLabels = inputs!["items"]!.AsArray().Select(i => i!["label"]!.GetValue<string>()).ToList();
        Assert.Contains("customer", inputLabels);
        Assert.Contains("tickets", inputLabels);

        var paths = await server.Client.CallAsync("textDocument/completion", LspClient.At(uri, 5, 25));
        var pathLabels = paths!["items"]!.AsArray().Select(i => i!["label"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "mood" }, pathLabels);
    }

    private static (int Line, int Character) Position(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart);
    }
}
