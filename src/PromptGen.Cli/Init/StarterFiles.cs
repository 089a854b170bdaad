namespace PromptGen.Cli.Init;

/// <summary>The first prompt and its eval file that <c>promptgen init</c> creates (both pass <c>promptgen check</c>).</summary>
internal static class StarterFiles
{
    public const string PromptPath = "Prompts/Hello.prompt";
    public const string EvalPath = "Prompts/Hello.eval.yaml";

    public const string Prompt = """
        ---
        description: Greets someone by name. Your first PromptGen prompt; edit it or add more next to it.
        model: openai/gpt-4o-mini
        config:
          temperature: 0
        input:
          schema:
            name: string, who to greet
            language?: string, the language to greet in (default English)
        output:
          schema:
            greeting: string, one short sentence
            tone(enum, how the greeting sounds): [formal, friendly]
        ---
        {{role "system"}}
        You write short greetings. Answer with JSON only.
        {{role "user"}}
        Greet {{name}}{{#if language}} in {{language}}{{/if}}.

        """;

    public const string Eval = """
        # Eval cases of Hello.prompt: each runs the prompt on an input and checks the typed output.
        # The format (assertions, trials, the gate) is described in the PromptGen documentation, docs/evals.md.
        cases:
          - id: greets-by-name
            input: { name: Ada }
            assert:
              - { path: greeting, icontains: Ada }
              - { path: tone, in: [formal, friendly] }
              - schema-valid
          - id: in-french
            input: { name: Ada, language: French }
            assert:
              - { path: greeting, icontains-any: [bonjour, salut] }

        """;
}
