using System.Collections.Generic;
using System.Linq;
using PromptGen.Language.Semantics;
using PromptGen.Language.Binding;
using PromptGen.Language.Diagnostics;
using PromptGen.Language.Documents;
using PromptGen.Language.Rendering;
using PromptGen.Language.Templates;

namespace PromptGen.Language.Tests.Binding;

public class TemplateBinderTests
{
    private const string Frontmatter = """
        ---
        input:
          schema:
            name: string
            customer:
              name: string
              email?: string
            items(array):
              title: string
              price: number
              tags(array): string
            count: integer
            flags(object, map):
              (*): boolean
        ---

        """;

    /// <summary>Binds the template below the shared frontmatter (which starts the template on line 16).</summary>
    private static IReadOnlyList<PromptDiagnostic> Bind(string body, Dictionary<string, string>? partials = null)
    {
        var prompt = PromptCompiler.Compile("p.prompt", Frontmatter + body, partials is null ? null : PartialCatalog.FromTexts(partials));
        Assert.DoesNotContain(prompt.Document.Diagnostics, d => d.Severity == PromptDiagnosticSeverity.Error);
        Assert.Empty(prompt.Parsed.Template.Diagnostics);
        return prompt.Binding!.Diagnostics;
    }

    private static IReadOnlyList<PromptDiagnostic> Errors(string body, Dictionary<string, string>? partials = null) =>
        Bind(body, partials).Where(d => d.Id != "PG0204").ToList();

    private const int BodyLine = 16;

    [Theory]
    [InlineData("{{nmae}}", "PG0203", 0, 3, "Did you mean 'name'")]
    [InlineData("x {{customer.nmae}}", "PG0203", 0, 14, "'customer' has no field 'nmae'")]
    [InlineData("{{#each items}}{{titel}}{{/each}}", "PG0203", 0, 18, "Did you mean 'title'")]
    [InlineData("{{#each items}}{{name}}{{/each}}", "PG0203", 0, 18, "has no field 'name'")]
    [InlineData("{{#with customer}}{{count}}{{/with}}", "PG0203", 0, 21, "has no field 'count'")]
    [InlineData("{{#each items as |it|}}\n{{it.prize}}{{/each}}", "PG0203", 1, 6, "Did you mean 'price'")]
    [InlineData("{{@root.nmae}}", "PG0203", 0, 9, "Did you mean 'name'")]
    [InlineData("{{#each items}}{{#each tags}}{{../../nam}}{{/each}}{{/each}}", "PG0203", 0, 38, "'nam'")]
    [InlineData("{{#if name}}{{#each items}}{{../cont}}{{/each}}{{/if}}", "PG0203", 0, 33, "Did you mean 'count'")]
    [InlineData("{{#each name}}x{{/each}}", "PG0209", 0, 9, "'#each' needs a list or an object")]
    [InlineData("{{name.first}}", "PG0209", 0, 8, "is a string")]
    [InlineData("{{count.value}}", "PG0209", 0, 9, "is a integer")]
    [InlineData("{{#with count}}x{{/with}}", "PG0209", 0, 9, "'#with' needs an object")]
    [InlineData("{{#each items}}{{price.cents}}{{/each}}", "PG0209", 0, 24, "'price' is a number")]
    [InlineData("{{json (lookup customer name.x)}}", "PG0209", 0, 30, "is a string")]
    public void Reports_misuse_at_the_exact_segment(string body, string id, int lineOffset, int column, string fragment)
    {
        var diagnostic = Assert.Single(Errors(body));
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(fragment, diagnostic.Message);
        Assert.Equal((BodyLine + lineOffset, column), (diagnostic.Line, diagnostic.Column));
    }

    [Theory]
    [InlineData("{{name}}{{customer.name}}{{customer.email}}{{count}}")]
    [InlineData("{{#each items}}{{title}} {{price}} {{@index}} {{@first}} {{@key}} {{this.title}} {{tags.length}} {{tags.[0]}}{{/each}}")]
    [InlineData("{{#each items as |it i|}}{{it.title}}{{i}}{{#each it.tags as |t|}}{{t}}{{../title}}{{/each}}{{/each}}")]
    [InlineData("{{#with customer as |c|}}{{name}}{{c.email}}{{../count}}{{@root.name}}{{/with}}")]
    [InlineData("{{#each flags}}{{@key}}={{this}}{{/each}}{{flags.anything}}")]
    [InlineData("{{@state.x.y}}{{@metadata.prompt.name}}{{@custom}}")]
    [InlineData("{{#if customer}}{{customer.name}}{{else}}{{name}}{{/if}}{{json items indent=2}}")]
    [InlineData("{{#ifEquals name \"x\"}}{{count}}{{/ifEquals}}{{lookup items 0}}{{items.length}}{{name.length}}")]
    [InlineData("{{role \"system\"}}{{history}}{{media url=name}}{{section \"s\"}}")]
    public void Accepts_declared_paths_in_every_scope(string body) => Assert.Empty(Errors(body));

    [Fact]
    public void Names_inside_each_are_not_looked_up_in_parent_scopes()
    {
        var diagnostic = Assert.Single(Errors("{{#each items}}{{count}}{{/each}}"));
        Assert.Equal("PG0203", diagnostic.Id);
        Assert.Contains("'this' has no field 'count'", diagnostic.Message);
    }

    [Fact]
    public void Partials_are_checked_in_the_callers_context_with_hash_arguments()
    {
        var partials = new Dictionary<string, string> { ["card"] = "{{title}} {{extra}}\n{{nope}}" };
        var diagnostic = Assert.Single(Errors("{{#each items}}{{> card extra=../name}}{{/each}}", partials));
        Assert.Equal("PG0203", diagnostic.Id);
        Assert.Equal((2, 3), (diagnostic.Line, diagnostic.Column));
        Assert.Contains("'nope'", diagnostic.Message);
    }

    [Fact]
    public void Unused_input_fields_are_warned_at_their_declaration()
    {
        var unused = Bind("{{name}}{{#each items}}{{title}}{{/each}}").Where(d => d.Id == "PG0204").ToList();

        Assert.Equal(new[] { "customer", "count", "flags" }, unused.Select(d => d.Message.Split('\'')[1]));
        Assert.All(unused, d => Assert.Equal(PromptDiagnosticSeverity.Warning, d.Severity));
        Assert.Equal((5, 5), (unused[0].Line, unused[0].Column));
        Assert.Equal((12, 5), (unused[1].Line, unused[1].Column));
    }

    [Theory]
    [InlineData("{{json this}}")]
    [InlineData("{{#each this}}{{@key}}{{/each}}")]
    [InlineData("{{json @root}}")]
    public void Using_the_whole_input_uses_every_field(string body) =>
        Assert.DoesNotContain(Bind(body), d => d.Id == "PG0204");

    [Fact]
    public void Untyped_prompts_report_nothing()
    {
        var parsed = TemplateParser.Parse("{{#each xs}}{{a.b.c}}{{../../../x}}{{/each}}{{#with 1}}{{y}}{{/with}}");
        var binding = TemplateBinder.Bind(parsed.Template, inputType: null);
        Assert.Empty(binding.Diagnostics);
        Assert.Null(binding.InputType);
    }

    [Fact]
    public void Records_the_type_of_each_path()
    {
        var prompt = PromptCompiler.Compile("p.prompt", Frontmatter + "{{#each items as |it|}}{{it.tags}}{{price}}{{/each}}");
        var binding = prompt.Binding!;
        var block = (BlockStatement)prompt.Template.Statements[0];
        var tags = (PathExpression)((MustacheStatement)block.Program!.Statements[0]).Path;
        var price = (PathExpression)((MustacheStatement)block.Program!.Statements[1]).Path;
        Assert.Equal(SchemaKind.Array, binding.TypeOf(tags).Kind);
        Assert.Equal(SchemaKind.String, binding.TypeOf(tags).Items!.Kind);
        Assert.Equal(SchemaKind.Number, binding.TypeOf(price).Kind);
    }

    [Fact]
    public void Deep_templates_do_not_overflow()
    {
        var body = string.Concat(Enumerable.Repeat("{{#with customer}}", 300)) + "{{x}}" + string.Concat(Enumerable.Repeat("{{/with}}", 300));
        var errors = Errors(body);
        Assert.NotEmpty(errors);
    }
}
