using System;
using System.IO;
using System.Text;

namespace PromptGen.LanguageServer.Tests;

/// <summary>A throwaway project folder (with a .csproj, so it is its own PromptGen project), deleted on dispose.</summary>
internal sealed class TestProject : IDisposable
{
    public TestProject(string rootNamespace = "App")
    {
        Root = Path.Combine(Path.GetTempPath(), "promptgen-lsp-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Write("App.csproj", $"<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><RootNamespace>{rootNamespace}</RootNamespace></PropertyGroup></Project>\n");
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public string UriOf(string relative) => new Uri(PathOf(relative)).AbsoluteUri;

    public string Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
