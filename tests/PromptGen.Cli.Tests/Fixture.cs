using System;
using System.IO;

namespace PromptGen.Cli.Tests;

/// <summary>Paths of the prompt files under <c>Fixtures/</c>, copied next to the test assembly.</summary>
internal static class Fixture
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string relative) => Path.Combine(Folder, relative.Replace('/', Path.DirectorySeparatorChar));
}
