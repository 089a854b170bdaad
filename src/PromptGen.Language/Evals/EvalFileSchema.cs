namespace PromptGen.Language.Evals;

/// <summary>The JSON Schema of eval files, for editor completion (e.g. <c># yaml-language-server: $schema=...</c>).</summary>
public static class EvalFileSchema
{
    public const string ResourceName = "PromptGen.Language.Evals.promptgen-eval.schema.json";

    /// <summary>The schema's text (draft 2020-12).</summary>
    public static string Json
    {
        get
        {
            using var stream = typeof(EvalFileSchema).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new FileNotFoundException("The eval file schema is not embedded in this build.", ResourceName);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
