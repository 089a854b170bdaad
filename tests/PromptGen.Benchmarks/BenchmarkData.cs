using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>The inputs every benchmark (and the JavaScript reference run) shares, read from the files beside the program.</summary>
internal static class BenchmarkData
{
    /// <summary>Clean JSON of <see cref="TriageTicketPrompt.Output"/>, as a well-behaved model returns it.</summary>
    public const string CleanTriageJson =
        """{"category":"how-to","priority":2,"confidence":0.87,"summary":"Customer asks how to export invoices as CSV from the billing page.","tags":["export","csv","invoices"],"needsHuman":false,"customer":{"name":"Zoë Martin","plan":"Business"}}""";

    /// <summary>
    /// The same value as a chatty model writes it: prose and a code fence around the payload, a trailing comma, an enum in
    /// the wrong case and a number in quotes.
    /// </summary>
    public const string MalformedTriageText =
        "Sure! Here is the classification you asked for:\n\n```json\n{\n  \"category\": \"How-To\",\n  \"priority\": \"2\",\n  \"confidence\": 0.87,\n" +
        "  \"summary\": \"Customer asks how to export invoices as CSV from the billing page.\",\n  \"tags\": [\"export\", \"csv\", \"invoices\",],\n" +
        "  \"needsHuman\": false,\n  \"customer\": {\"name\": \"Zoë Martin\", \"plan\": \"Business\"},\n}\n```\n\nLet me know if you need anything else.";

    /// <summary>System.Text.Json options for reflection deserialization of the generated output type.</summary>
    /// <remarks>
    /// Generated enums carry no attributes; their wire names here (billing, technical, how-to, account) are exactly the
    /// kebab-case of the member names, so <see cref="JsonStringEnumConverter"/> with <see cref="JsonNamingPolicy.KebabCaseLower"/>
    /// maps them without a hand-written DTO.
    /// </remarks>
    public static readonly JsonSerializerOptions ReflectionOptions = new()
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    public static string Folder => AppContext.BaseDirectory;

    /// <summary>The body (after the frontmatter) of a file in <c>Prompts/</c>: the template every engine renders.</summary>
    public static string TemplateBody(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, "Prompts", file)).Replace("\r\n", "\n");
        var end = text.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        // Like Dotprompt, the body does not include the file's final line break.
        return text.Substring(end + 5).TrimEnd('\n');
    }
}
