using System;
using System.Linq;
using System.Runtime.ExceptionServices;
using PromptGen.Consumer.Tests.Prompts;

namespace PromptGen.Consumer.Tests;

/// <summary>Generated <c>Parse</c>/<c>TryParse</c>: strict codec on clean JSON, schema-aligned repair otherwise.</summary>
public sealed class ParseTests
{
    [Fact]
    public void Clean_json_parses_without_repairs()
    {
        Assert.True(ClassifyTicketPrompt.TryParse("""{"category":"billing","confidence":0.9}""", out var value, out var report));

        Assert.Equal(ClassifyTicketPrompt.Category.Billing, value!.Category);
        Assert.Equal(0.9, value.Confidence);
        Assert.True(report.IsClean);
        Assert.Empty(report.Repairs);
    }

    [Fact]
    public void Fenced_output_with_a_trailing_comma_is_repaired_and_the_repairs_are_listed()
    {
        const string text = "Here you go:\n```json\n{\"category\": \"Technical\", \"confidence\": 0.75,}\n```";

        Assert.True(ClassifyTicketPrompt.TryParse(text, out var value, out var report));

        Assert.Equal(ClassifyTicketPrompt.Category.Technical, value!.Category);
        Assert.Equal(0.75, value.Confidence);
        Assert.False(report.IsClean);
        Assert.True(report.Has(PromptRepairKind.StrippedCodeFence));
        Assert.True(report.Has(PromptRepairKind.TrailingComma));
        Assert.True(report.Has(PromptRepairKind.EnumCaseFixed));
    }

    [Theory]
    [InlineData("Here you go:\n```json\n{\"category\": \"Technical\", \"confidence\": 0.75,}\n```")]
    [InlineData("{\"category\":\"billing\",\"confidence\":\"0.9\"}")]
    [InlineData("{\"category\":\"billing\",\"confidence\":0.9")]
    [InlineData("{category: 'billing', confidence: 0.9} // done")]
    [InlineData("{\"category\":\"refund\",\"confidence\":0.9}")]
    [InlineData("{\"confidence\":0.9}")]
    [InlineData("[\"billing\"]")]
    [InlineData("")]
    [InlineData("not JSON at all")]
    public void Malformed_output_costs_no_exception(string text)
    {
        var thrown = 0;
        var thread = Environment.CurrentManagedThreadId;
        void Count(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread) thrown++;
        }

        ClassifyTicketPrompt.TryParse(text, out _, out _);
        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            ClassifyTicketPrompt.TryParse(text, out _, out _);
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(0, thrown);
    }

    [Fact]
    public void Nested_objects_and_lists_parse_into_records()
    {
        const string json = """
            {"vendor":{"name":"Globex","address":{"street":"1 Main St","city":"Springfield"}},
             "lines":[{"description":"Widget","quantity":3,"unitPrice":2.5},{"description":"Gadget","quantity":1,"unitPrice":10}],
             "total":17.5,"currency":"USD"}
            """;

        var invoice = ExtractInvoicePrompt.Parse(json);

        Assert.Equal("Globex", invoice.Vendor.Name);
        Assert.Equal("Springfield", invoice.Vendor.Address!.City);
        Assert.Equal(new[] { "Widget", "Gadget" }, invoice.Lines.Select(l => l.Description));
        Assert.Equal(3L, invoice.Lines[0].Quantity);
        Assert.Equal(ExtractInvoicePrompt.Currency.USD, invoice.Currency);
        Assert.Null(invoice.Notes);
    }

    [Fact]
    public void Repair_fills_missing_optionals_and_coerces_values()
    {
        const string text = "{vendor: {name: 'Initech'}, lines: [{description: 'Stapler', quantity: '2', unitPrice: 4}], total: 8, currency: 'eur'}";

        Assert.True(ExtractInvoicePrompt.TryParse(text, out var invoice, out var report));

        Assert.Equal("Initech", invoice!.Vendor.Name);
        Assert.Null(invoice.Vendor.Address);
        Assert.Equal(2L, invoice.Lines.Single().Quantity);
        Assert.Equal(ExtractInvoicePrompt.Currency.EUR, invoice.Currency);
        Assert.True(report.Has(PromptRepairKind.UnquotedKey));
        Assert.True(report.Has(PromptRepairKind.NumberFromString));
    }

    [Theory]
    [InlineData("")]
    [InlineData("I cannot help with that.")]
    [InlineData("""{"category":"billing"}""")]
    [InlineData("""{"category":"shipping","confidence":1}""")]
    public void TryParse_never_throws_and_Parse_throws_only_PromptOutputException(string text)
    {
        Assert.False(ClassifyTicketPrompt.TryParse(text, out var value, out var report));
        Assert.Null(value);
        Assert.NotNull(report.Error);

        var error = Assert.Throws<PromptOutputException>(() => ClassifyTicketPrompt.Parse(text));
        Assert.Equal(text, error.ModelText);
        Assert.NotNull(error.Report.Error);
    }
}

/// <summary>The run loop with the generated reader, independent of <c>Render</c>.</summary>
public sealed class RunnerWithGeneratedReaderTests
{
    [Fact]
    public async System.Threading.Tasks.Task Runner_returns_the_repaired_value_with_its_repairs_and_usage()
    {
        var client = new FakeChatClient("```json\n{\"category\": \"account\", \"confidence\": 0.5,}\n```");
        var messages = new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "Ticket: reset my password") };

        var result = await PromptRunner.RunAsync<ClassifyTicketPrompt.Output>(
            client, messages, ClassifyTicketPrompt.CreateOptions(), ClassifyTicketPrompt.TryParse!);

        Assert.Equal(ClassifyTicketPrompt.Category.Account, result.Value.Category);
        Assert.Contains(result.Repairs, r => r.Kind == PromptRepairKind.StrippedCodeFence);
        Assert.Contains(result.Repairs, r => r.Kind == PromptRepairKind.TrailingComma);
        Assert.Equal("openai/gpt-4o-mini", client.Requests.Single().Options!.ModelId);
    }
}
