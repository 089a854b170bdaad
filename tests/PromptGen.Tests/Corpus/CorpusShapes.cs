extern alias evals;

using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace PromptGen.Tests.Corpus;

/// <summary>The named output shapes of the corpus, read from shapes.json (JSON Schemas) as generated code would shape them.</summary>
public static class CorpusShapes
{
    public static Dictionary<string, OutputShape> Load(string root)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "shapes.json")));
        var shapes = new Dictionary<string, OutputShape>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            shapes[property.Name] = evals::PromptGen.Evals.Schemas.OutputShapes.FromJsonSchema(property.Value.GetRawText());
        }

        return shapes;
    }
}
