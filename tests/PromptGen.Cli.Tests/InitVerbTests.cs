using System;
using System.IO;
using System.Linq;

namespace PromptGen.Cli.Tests;

/// <summary><c>promptgen init</c> on throwaway projects: the project edit, central package management, the starter files, bad input.</summary>
public sealed class InitVerbTests
{
    private const string Reference = "<PackageReference Include=\"PromptGen\" Version=\"1.2.3\" />";

    [Fact]
    public void Adds_the_reference_beside_the_other_package_references_and_changes_nothing_else()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- keep me -->
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <Compile Remove="Old/**"/>
              </ItemGroup>
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" Version='13.0.3'/>
              </ItemGroup>
            </Project>
            """);

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- keep me -->
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <Compile Remove="Old/**"/>
              </ItemGroup>
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" Version='13.0.3'/>
                <PackageReference Include="PromptGen" Version="1.2.3" />
              </ItemGroup>
            </Project>
            """, folder.Read("App/App.csproj"));
        Assert.Contains("added     " + Reference + " to ", run.Stdout);
        Assert.Contains("created   ", run.Stdout);
        Assert.Contains("using App.Prompts;", run.Stdout);
        Assert.Contains("chatClient.HelloAsync(\"Ada\"", run.Stdout);
    }

    [Fact]
    public void The_starter_prompt_and_eval_file_pass_check()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n");

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(folder.Exists("App/Prompts/Hello.prompt"));
        Assert.True(folder.Exists("App/Prompts/Hello.eval.yaml"));
        var check = CliRun.Of("check", folder.PathOf("App/Prompts"));
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(string.Empty, check.Stdout);
        Assert.Equal(string.Empty, check.Stderr);
    }

    [Fact]
    public void Without_package_references_a_new_item_group_closes_the_project_in_its_style()
    {
        using var folder = new TempFolder();
        // Tabs, CRLF line ends and a byte order mark: all kept.
        var project = folder.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\r\n\t<PropertyGroup>\r\n\t\t<OutputType>Exe</OutputType>\r\n\t</PropertyGroup>\r\n</Project>\r\n", bom: true);

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        var bytes = folder.ReadBytes("App.csproj");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        Assert.Equal(
            "<Project Sdk=\"Microsoft.NET.Sdk\">\r\n\t<PropertyGroup>\r\n\t\t<OutputType>Exe</OutputType>\r\n\t</PropertyGroup>\r\n\r\n" +
            "\t<ItemGroup>\r\n\t\t" + Reference + "\r\n\t</ItemGroup>\r\n</Project>\r\n",
            folder.Read("App.csproj").TrimStart('\uFEFF'));
        Assert.Contains("\r\n", folder.Read("Prompts/Hello.prompt"));
    }

    [Fact]
    public void A_conditioned_item_group_is_left_alone()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
                <ItemGroup Condition="'$(TargetFramework)' == 'net48'">
                    <PackageReference Include="System.Memory" Version="4.5.5" />
                </ItemGroup>
            </Project>
            """);

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("""
            <Project Sdk="Microsoft.NET.Sdk">
                <ItemGroup Condition="'$(TargetFramework)' == 'net48'">
                    <PackageReference Include="System.Memory" Version="4.5.5" />
                </ItemGroup>

                <ItemGroup>
                    <PackageReference Include="PromptGen" Version="1.2.3" />
                </ItemGroup>
            </Project>
            """, folder.Read("App.csproj"));
    }

    [Fact]
    public void An_empty_project_element_is_opened()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    " + Reference + "\n  </ItemGroup>\n</Project>\n", folder.Read("App.csproj"));
    }

    [Fact]
    public void With_central_package_management_the_version_goes_to_Directory_Packages_props()
    {
        using var folder = new TempFolder();
        folder.Write("Directory.Packages.props", """
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="xunit" Version="2.9.3" />
              </ItemGroup>
            </Project>
            """);
        var project = folder.Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="xunit" />
              </ItemGroup>
            </Project>
            """);

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("""
            <Project>
              <PropertyGroup>
                <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="xunit" Version="2.9.3" />
                <PackageVersion Include="PromptGen" Version="1.2.3" />
              </ItemGroup>
            </Project>
            """, folder.Read("Directory.Packages.props"));
        Assert.Equal("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="xunit" />
                <PackageReference Include="PromptGen" />
              </ItemGroup>
            </Project>
            """, folder.Read("src/App/App.csproj"));
        Assert.Contains("(central package management)", run.Stdout);
    }

    [Fact]
    public void A_version_already_pinned_centrally_is_kept()
    {
        using var folder = new TempFolder();
        const string props = "<Project>\n  <ItemGroup>\n    <PackageVersion Include=\"PromptGen\" Version=\"0.9.0\" />\n  </ItemGroup>\n</Project>\n";
        folder.Write("Directory.Packages.props", props);
        var project = folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n");

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(props, folder.Read("Directory.Packages.props"));
        Assert.Contains("it already pins PromptGen 0.9.0", run.Stdout);
        Assert.Contains("<PackageReference Include=\"PromptGen\" />", folder.Read("App/App.csproj"));
    }

    [Fact]
    public void A_project_that_opts_out_of_central_management_gets_a_versioned_reference()
    {
        using var folder = new TempFolder();
        folder.Write("Directory.Packages.props", "<Project />");
        var project = folder.Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
            </Project>
            """);

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("<Project />", folder.Read("Directory.Packages.props"));
        Assert.Contains(Reference, folder.Read("App/App.csproj"));
    }

    [Fact]
    public void A_Directory_Packages_props_that_turns_nothing_on_is_not_central_package_management()
    {
        using var folder = new TempFolder();
        folder.Write("Directory.Packages.props", "<Project>\n</Project>\n");
        var project = folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n");

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("<Project>\n</Project>\n", folder.Read("Directory.Packages.props"));
        Assert.Contains(Reference, folder.Read("App/App.csproj"));
    }

    [Fact]
    public void Central_package_management_turned_on_in_Directory_Build_props_is_seen()
    {
        using var folder = new TempFolder();
        folder.Write("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        folder.Write("Directory.Packages.props", "<Project>\n</Project>\n");
        var project = folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n");

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("<Project>\n  <ItemGroup>\n    <PackageVersion Include=\"PromptGen\" Version=\"1.2.3\" />\n  </ItemGroup>\n</Project>\n", folder.Read("Directory.Packages.props"));
        Assert.Contains("<PackageReference Include=\"PromptGen\" />", folder.Read("App/App.csproj"));
    }

    [Theory]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"promptgen\" Version=\"0.1.0\" />\n  </ItemGroup>\n</Project>\n", "a PackageReference, version 0.1.0")]
    [InlineData("<Project Sdk=\"PromptGen.Sdk/0.1.0\">\n</Project>\n", "the PromptGen.Sdk project SDK")]
    [InlineData("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <ProjectReference Include=\"..\\PromptGen\\PromptGen.csproj\" />\n  </ItemGroup>\n</Project>\n", "a ProjectReference to ..\\PromptGen\\PromptGen.csproj")]
    public void A_project_that_already_has_PromptGen_is_not_changed(string text, string how)
    {
        using var folder = new TempFolder();
        var project = folder.Write("App.csproj", text);

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(text, folder.Read("App.csproj"));
        Assert.Contains($"it already references PromptGen ({how})", run.Stdout);
        Assert.True(folder.Exists("Prompts/Hello.prompt"));
    }

    [Fact]
    public void Existing_starter_files_are_never_overwritten()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n");
        folder.Write("Prompts/Hello.prompt", "mine");

        var run = Init(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("mine", folder.Read("Prompts/Hello.prompt"));
        Assert.Contains("Hello.prompt: it already exists", run.Stdout);
        Assert.True(folder.Exists("Prompts/Hello.eval.yaml"));
        Assert.Empty(Directory.GetFiles(folder.PathOf("Prompts"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_folder_with_one_project_is_enough()
    {
        using var folder = new TempFolder();
        folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n");

        var run = CliRun.Of("init", folder.PathOf("App"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var version = typeof(CommandLine).Assembly.GetName().Version!;
        Assert.Contains($"<PackageReference Include=\"PromptGen\" Version=\"{version.ToString(3)}", folder.Read("App/App.csproj"));
    }

    [Fact]
    public void A_folder_without_a_project_is_a_clear_error()
    {
        using var folder = new TempFolder();

        var run = CliRun.Of("init", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"promptgen init: no C# project (.csproj) found in {folder.Path}; name the project folder or file, e.g. promptgen init src/MyApp\n", run.Stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void A_folder_with_two_projects_asks_which()
    {
        using var folder = new TempFolder();
        folder.Write("A.csproj", "<Project />");
        folder.Write("B.csproj", "<Project />");

        var run = CliRun.Of("init", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("has 2 projects (A.csproj, B.csproj); name the one to use", run.Stderr);
        Assert.False(folder.Exists("Prompts/Hello.prompt"));
    }

    [Fact]
    public void Malformed_XML_is_reported_with_its_position_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        const string text = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n</Project>\n";
        var project = folder.Write("App.csproj", text);

        var run = Init(project);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"promptgen init: {project}(3,3): the file is not well-formed XML: ", run.Stderr);
        Assert.Equal(text, folder.Read("App.csproj"));
        Assert.False(folder.Exists("Prompts/Hello.prompt"));
    }

    [Fact]
    public void A_malformed_Directory_Packages_props_leaves_the_project_untouched()
    {
        using var folder = new TempFolder();
        folder.Write("Directory.Packages.props", "<Project><ItemGroup></Project>");
        const string text = "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n";
        var project = folder.Write("App/App.csproj", text);

        var run = Init(project);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches(@"Directory\.Packages\.props\(1,\d+\): the file is not well-formed XML: ", run.Stderr);
        Assert.Equal(text, folder.Read("App/App.csproj"));
    }

    [Theory]
    [InlineData("App.txt", "is not a C# project file (.csproj)")]
    [InlineData("missing", "does not exist")]
    public void Other_targets_are_errors(string target, string message)
    {
        using var folder = new TempFolder();
        folder.Write("App.txt", "<Project />");

        var run = CliRun.Of("init", folder.PathOf(target));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }

    [Fact]
    public void A_file_that_is_not_an_MSBuild_project_is_an_error()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App.csproj", "<Solution />");

        var run = Init(project);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(1,2): not an MSBuild project: the root element is <Solution>, not <Project>", run.Stderr);
    }

    [Fact]
    public void Two_targets_are_a_usage_error()
    {
        var run = CliRun.Of("init", "a", "b");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage: promptgen init", run.Stderr);
    }

    [Fact]
    public void Without_a_package_version_the_reference_is_this_tools_version_without_build_metadata()
    {
        using var folder = new TempFolder();
        var project = folder.Write("App/App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n");
        var toolVersion = CliRun.Of("--version").Stdout.Trim();
        var packageVersion = toolVersion.Split('+')[0];

        var run = CliRun.Of("init", project);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotEqual(string.Empty, packageVersion);
        Assert.Contains($"<PackageReference Include=\"PromptGen\" Version=\"{packageVersion}\" />", folder.Read("App/App.csproj"));
    }

    private static CliRun Init(string project) => CliRun.Of("init", project, "--package-version", "1.2.3");
}
