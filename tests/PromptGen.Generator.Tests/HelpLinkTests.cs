using System;
using System.IO;
using PromptGen.Generator;
using RoslynDescriptors = PromptGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace PromptGen.Generator.Tests;

/// <summary>Every diagnostic's help link, as the IDE shows it, leads to a page that exists in the repository.</summary>
public sealed class HelpLinkTests
{
    [Fact]
    public void Every_help_link_resolves_to_an_existing_docs_page()
    {
        var prefix = GeneratorInfo.RepositoryUrl + "/blob/main/";
        var root = RepositoryRoot();
        foreach (var descriptor in PromptGen.Language.Diagnostics.DiagnosticDescriptors.All)
        {
            var link = RoslynDescriptors.Get(descriptor.Id).HelpLinkUri;
            Assert.StartsWith(prefix, link, StringComparison.Ordinal);
            var page = Path.Combine(root, link.Substring(prefix.Length).Replace('/', Path.DirectorySeparatorChar));
            Assert.True(File.Exists(page), $"{descriptor.Id}: help link {link} has no page at {page}");
            Assert.StartsWith($"# {descriptor.Id}: ", File.ReadAllText(page), StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptGen.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("PromptGen.sln was not found above the test binaries.");
    }
}
