using System.Linq;
using PromptGen.Language.Values;

namespace PromptGen.Conformance.Tests;

public sealed class SpecLoaderTests
{
    [Fact]
    public void Finds_13_files_69_suites_and_117_cases()
    {
        var directory = ConformanceDirectory.Locate();
        Assert.Equal(13, SpecLoader.FindFiles(directory).Count);
        var cases = SpecLoader.Load(directory);
        Assert.Equal(69, cases.Select(c => (c.File, c.SuiteName)).Distinct().Count());
        Assert.Equal(117, cases.Count);
    }

    [Fact]
    public void Case_ids_read_file_then_suite_then_description()
    {
        var ids = SpecLoader.All.Select(c => c.Id).ToList();
        Assert.Contains("metadata > raw > raw frontmatter is provided on top of parsed frontmatter", ids);
        Assert.Contains(ids, id => id.StartsWith("helpers/role > ", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Suite_data_is_overlaid_by_test_data_key_by_key()
    {
        var suite = YamlValueReader.Read("name: s\ntemplate: x\ndata: { input: { a: 1 }, context: { state: 1 } }\ntests: []");
        var test = YamlValueReader.Read("data: { input: { b: 2 } }\nexpect: {}");
        var data = SpecJudge.RenderData(new SpecCase("f > s > d", "f", suite, test));
        Assert.Equal("{\"input\":{\"b\":2},\"context\":{\"state\":1}}", PromptJson.Serialize(data));
    }

    [Fact]
    public void Missing_folder_named_by_the_environment_variable_fails_loudly()
    {
        var error = Assert.Throws<System.IO.DirectoryNotFoundException>(() => ConformanceDirectory.Locate("/no/such/conformance/folder"));
        Assert.Contains("/no/such/conformance/folder", error.Message);
        Assert.Contains(ConformanceDirectory.EnvironmentVariable, error.Message);
    }
}
