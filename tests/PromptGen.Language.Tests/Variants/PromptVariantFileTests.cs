using System.Linq;
using PromptGen.Language.Variants;

namespace PromptGen.Language.Tests.Variants;

/// <summary>The one rule for which <c>.prompt</c> files are variants, used by the generator, the CLI and the eval runner.</summary>
public sealed class PromptVariantFileTests
{
    private static readonly string[] Project = { "P/Classify.prompt", "P/Classify.concise.prompt", "P/Classify.verbose.prompt", "P/Other.v2.prompt", "P/a.b.c.prompt", "P/_part.x.prompt" };

    [Fact]
    public void A_file_with_one_inner_dot_beside_its_base_is_a_variant()
    {
        var variant = PromptVariantFile.Of("P/Classify.concise.prompt", Project);

        Assert.NotNull(variant);
        Assert.Equal("P/Classify.prompt", variant!.BasePath);
        Assert.Equal("concise", variant.Variant);
    }

    [Theory]
    [InlineData("P/Classify.prompt")]
    [InlineData("P/Other.v2.prompt")]
    [InlineData("P/a.b.c.prompt")]
    [InlineData("P/_part.x.prompt")]
    public void Bases_files_without_a_base_many_dots_and_partials_are_not_variants(string path) =>
        Assert.Null(PromptVariantFile.Of(path, Project));

    [Fact]
    public void A_base_lists_its_variants_in_ordinal_order_and_paths_round_trip()
    {
        var variants = PromptVariantFile.VariantsOf("P/Classify.prompt", Project);

        Assert.Equal(new[] { "concise", "verbose" }, variants.Select(v => v.Variant));
        Assert.Equal("P/Classify.concise.prompt", PromptVariantFile.PathOf("P/Classify.prompt", "concise"));
    }
}
