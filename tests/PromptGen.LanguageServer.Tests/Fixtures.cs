namespace PromptGen.LanguageServer.Tests;

/// <summary>The prompts the protocol tests open (hand-written).</summary>
internal static class Fixtures
{
    public const string Frontmatter =
        "---\n" +
        "input:\n" +
        "  schema:\n" +
        "    customer(object, the customer):\n" +
        "      name: string, the customer's full name\n" +
        "      tier?: string\n" +
        "    tickets(array):\n" +
        "      id: integer\n" +
        "      subject: string\n" +
        "    note?: string\n" +
        "output:\n" +
        "  schema:\n" +
        "    reply: string\n" +
        "    details(object):\n" +
        "      mood: string\n" +
        "---\n";

    public const string Body =
        "{{role \"system\"}}\n" +
        "Héllo 日本 🎉 {{customer.name}}\n" +
        "{{#each tickets as |t|}}\n" +
        "  {{t.subject}} {{../note}} {{@index}} {{id}}\n" +
        "{{/each}}\n" +
        "{{#with customer}}{{tier}}{{/with}}\n" +
        "{{> signature}}\n";

    public const string Greet = Frontmatter + Body;

    public const string Signature = "Regards, {{customer.name}}\n";

    public const string Eval =
        "cases:\n" +
        "  - id: first\n" +
        "    input:\n" +
        "      customer: { name: Ada }\n" +
        "      tickets: [{ id: 1, subject: Refund }]\n" +
        "    assert:\n" +
        "      - { path: reply, contains: Ada }\n";
}
