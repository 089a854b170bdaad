using System.Text;

namespace PromptGen.LanguageServer.Benchmarks;

/// <summary>A 500-line prompt (hand-written generator): a typed input, blocks at several depths, partial-free.</summary>
internal static class LargePrompt
{
    public const int Lines = 500;

    public static string Create(int variant)
    {
        var text = new StringBuilder();
        text.Append("---\ninput:\n  schema:\n    customer(object):\n      name: string, the customer's name\n      tier?: string\n")
            .Append("    orders(array):\n      id: integer\n      total: number\n      items(array):\n        sku: string\n        quantity: integer\n")
            .Append("    notes?(array): string\n    locale?: string\noutput:\n  schema:\n    reply: string\n---\n");
        var line = 18;
        text.Append("{{role \"system\"}}\n");
        line++;
        var block = 0;
        while (line < Lines - 6)
        {
            text.Append($"Section {block} for {{{{customer.name}}}} ({{{{customer.tier}}}}), variant {variant}.\n");
            text.Append("{{#each orders as |order|}}\n");
            text.Append("  Order {{order.id}} totals {{total}} in {{../locale}}:\n");
            text.Append("  {{#each items}}- {{sku}} x {{quantity}} for {{@root.customer.name}}{{/each}}\n");
            text.Append("{{/each}}\n");
            text.Append("{{#if notes}}{{#each notes}}* {{this}}\n{{/each}}{{/if}}\n");
            line += 6;
            block++;
        }

        while (line < Lines)
        {
            text.Append("Plain closing text.\n");
            line++;
        }

        return text.ToString();
    }
}
