using PromptGen.Cli.Arguments;
using PromptGen.Cli.Init;
using PromptGen.Evals.Files;
using PromptGen.Language.Naming;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// <c>promptgen init</c>: adds the PromptGen package to an existing C# project (or, with central package management, its
/// version to <c>Directory.Packages.props</c>), and a first prompt with an eval file. Never overwrites a file it creates.
/// </summary>
internal sealed class InitVerb : Verb
{
    private const string PackageId = "PromptGen";
    private static readonly OptionSpec PackageVersionOption = new("--package-version", "version", "The PromptGen version to reference (default: this tool's version).");

    public override VerbSpec Spec { get; } = new(
        "init",
        PositionalSpec.Optional("[project dir or .csproj]"),
        "Add PromptGen, a first prompt and its eval file to an existing C# project.",
        "Adds <PackageReference Include=\"PromptGen\" Version=\"...\" /> to the project (default: the .csproj in the\n" +
        "current folder). With central package management (a Directory.Packages.props above the project), adds a\n" +
        "PackageVersion there and a reference without a version to the project. Then creates Prompts/Hello.prompt and\n" +
        "Prompts/Hello.eval.yaml. The project file is edited in place, keeping its layout and comments; files that\n" +
        "already exist are never overwritten. Exit code 2 when no single project is found or a file is not valid XML.",
        new[] { PackageVersionOption });

    public override int Execute(ParsedArguments arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            return Run(arguments.Positionals.FirstOrDefault(), arguments.GetValue(PackageVersionOption) ?? ToolVersion(), stdout);
        }
        catch (InitException exception)
        {
            stderr.Write($"promptgen init: {exception.Message}\n");
            return CommandLine.BadArguments;
        }
    }

    private static int Run(string? target, string version, TextWriter stdout)
    {
        if (version.Trim().Length == 0 || version.Any(char.IsWhiteSpace))
        {
            throw new InitException($"'{version}' is not a package version");
        }

        var projectPath = ProjectLocator.Locate(target);
        var project = MSBuildFile.Load(projectPath);
        var projectFolder = Path.GetDirectoryName(projectPath)!;
        var report = new List<string>();

        // Plan every edit before writing anything, so a malformed Directory.Packages.props leaves the project untouched.
        var edits = new List<(TextFile File, string Text)>();
        if (ExistingReference(project) is { } existing)
        {
            report.Add($"unchanged {Display(projectPath)}: it already references PromptGen ({existing})");
        }
        else if (CentralPackages.Find(projectPath, project) is { } central)
        {
            var (propsPath, props) = central;
            if (props.FindItem("PackageVersion", PackageId) is { } pinned)
            {
                report.Add($"unchanged {Display(propsPath)}: it already pins PromptGen {pinned.Version ?? "(version set elsewhere)"}");
            }
            else
            {
                edits.Add((props.File, props.WithItem("PackageVersion", PackageId, version)));
                report.Add($"added     <PackageVersion Include=\"PromptGen\" Version=\"{version}\" /> to {Display(propsPath)}");
            }

            edits.Add((project.File, project.WithItem("PackageReference", PackageId, version: null)));
            report.Add($"added     <PackageReference Include=\"PromptGen\" /> to {Display(projectPath)} (central package management)");
        }
        else
        {
            edits.Add((project.File, project.WithItem("PackageReference", PackageId, version)));
            report.Add($"added     <PackageReference Include=\"PromptGen\" Version=\"{version}\" /> to {Display(projectPath)}");
        }

        foreach (var (file, text) in edits) MSBuildFile.EnsureWellFormed(file.Path, text);
        foreach (var (file, text) in edits) file.Replace(text);

        var newLine = project.File.NewLine;
        foreach (var (relative, content) in new[] { (StarterFiles.PromptPath, StarterFiles.Prompt), (StarterFiles.EvalPath, StarterFiles.Eval) })
        {
            var path = Path.Combine(projectFolder, relative.Replace('/', Path.DirectorySeparatorChar));
            var bytes = new UTF8Encoding(false).GetBytes(content.Replace("\n", newLine));
            report.Add(!File.Exists(path) && AtomicFile.Write(path, bytes, overwrite: false)
                ? $"created   {Display(path)}"
                : $"unchanged {Display(path)}: it already exists");
        }

        var output = new StringBuilder();
        foreach (var line in report) output.Append(line).Append('\n');
        output.Append(NextSteps(projectPath, project));
        stdout.Write(output.ToString());
        return CommandLine.Success;
    }

    /// <summary>How the project already gets PromptGen, or <c>null</c>.</summary>
    private static string? ExistingReference(MSBuildFile project)
    {
        if (project.Sdks.FirstOrDefault(s => s.Equals("PromptGen.Sdk", StringComparison.OrdinalIgnoreCase)) is { } sdk) return $"the {sdk} project SDK";
        if (project.FindItem("PackageReference", PackageId) is { } reference)
        {
            return reference.Version is null ? "a PackageReference" : $"a PackageReference, version {reference.Version}";
        }

        var projectReference = project.Items.FirstOrDefault(i =>
            i.Type == "ProjectReference" && i.Include is not null &&
            Path.GetFileName(i.Include.Replace('\\', '/')).Equals("PromptGen.csproj", StringComparison.OrdinalIgnoreCase));
        return projectReference is null ? null : $"a ProjectReference to {projectReference.Include}";
    }

    private static string NextSteps(string projectPath, MSBuildFile project)
    {
        var ns = RootNamespace(projectPath, project) + ".Prompts";
        return
            "\nnext steps:\n" +
            $"  1. dotnet build {Display(projectPath)}\n" +
            $"     Prompts/Hello.prompt becomes the class {ns}.HelloPrompt; a mistake in it is a build error at its line.\n" +
            "  2. Call it with any Microsoft.Extensions.AI IChatClient:\n" +
            $"       using {ns};\n" +
            "       var result = await chatClient.HelloAsync(\"Ada\", language: \"French\");\n" +
            "       Console.WriteLine(result.Value.Greeting);\n" +
            $"  3. promptgen check {Display(Path.Combine(Path.GetDirectoryName(projectPath)!, "Prompts"))}\n" +
            "     checks the prompts and their eval files (Prompts/Hello.eval.yaml) without a build.\n";
    }

    /// <summary>The project's root namespace: its RootNamespace property, else its file name made an identifier.</summary>
    private static string RootNamespace(string projectPath, MSBuildFile project)
    {
        var declared = project.Property("RootNamespace");
        if (!string.IsNullOrWhiteSpace(declared) && !declared!.Contains("$(")) return declared.Trim();
        return string.Join(".", Path.GetFileNameWithoutExtension(projectPath).Split('.').Select(IdentifierNames.ToNamespaceSegment));
    }

    private static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative).Replace('\\', '/');
    }

    /// <summary>The version of this tool, which is also the version of the PromptGen package it goes with.</summary>
    /// <summary>The package version of this tool: its version without build metadata.</summary>
    private static string ToolVersion()
    {
        var version = CommandLine.Version();
        var metadata = version.IndexOf('+');
        return metadata >= 0 ? version.Substring(0, metadata) : version;
    }
}
