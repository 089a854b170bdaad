namespace PromptGen.Generator.Tests;

/// <summary>Prompt files used across the tests (JSON Schema frontmatter, as the Picoschema converter produces).</summary>
internal static class TestPrompts
{
    public const string Triage = """
        ---
        name: triage_ticket
        description: Sorts a support ticket into a category.
        model: openai/gpt-4o-mini
        config:
          temperature: 0.2
          maxOutputTokens: 400
          stopSequences: ["END"]
          seed: 7
          reasoningEffort: low
          safety: { level: 2 }
        input:
          schema:
            type: object
            properties:
              ticket: { type: string, description: The customer's message }
              product: { type: string, description: Product name if known }
              priority: { type: integer }
            required: [ticket]
        output:
          schema:
            type: object
            description: The triage decision.
            properties:
              category: { type: string, enum: [billing, technical, in-progress], description: Where the ticket goes }
              summary: { type: string, description: One sentence }
              confidence: { type: number }
              urgent: { type: boolean }
              tags: { type: array, items: { type: string } }
              customer:
                type: object
                properties:
                  order_id: { type: string }
                  class: { type: [string, "null"] }
                required: [order_id]
              actions:
                type: array
                items:
                  type: object
                  properties:
                    kind: { type: string, enum: [refund, reply] }
                    amount: { type: integer }
                  required: [kind]
              scores: { type: object, additionalProperties: { type: number } }
              extra: {}
            required: [category, summary, confidence, urgent, tags, customer]
        ---
        Triage this ticket: {{ticket}}
        """;

    public const string Summarize = """
        ---
        model: openai/gpt-4o
        input:
          schema:
            type: object
            properties:
              text: { type: string }
              class: { type: string }
            required: [text]
        output:
          format: text
        ---
        Summarize: {{text}}
        """;

    public const string Counter = """
        ---
        name: count-words
        csharp.integer: int
        csharp.class: WordCounter
        input:
          schema:
            type: object
            properties:
              text: { type: string }
            required: [text]
        output:
          schema:
            type: array
            items: { type: integer }
        ---
        Count {{text}}
        """;

    public static string Simple(string name, string body = "Hello {{who}}") => $"""
        ---
        name: {name}
        input:
          schema:
            type: object
            properties:
              who: {"{"} type: string {"}"}
            required: [who]
        output:
          schema:
            type: object
            properties:
              greeting: {"{"} type: string {"}"}
            required: [greeting]
        ---
        {body}
        """;
}
