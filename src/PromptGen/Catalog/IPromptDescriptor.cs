using System.Text.Json;
using Microsoft.Extensions.AI;

namespace PromptGen.Catalog;

/// <summary>
/// One generated prompt, seen through an untyped door: what eval runners and tools use to run the exact
/// generated code of a project (render, options, parse) without knowing its C# types. The source generator
/// implements it for every prompt and lists the implementations in the assembly's prompt catalog.
/// </summary>
public interface IPromptDescriptor
{
    /// <summary>The prompt's name (frontmatter <c>name</c>, else the file name without <c>.prompt</c>).</summary>
    string Name { get; }

    /// <summary>The <c>.prompt</c> file, relative to the project directory, with forward slashes.</summary>
    string SourcePath { get; }

    /// <summary>The JSON Schema sent as the response format, or <c>null</c> for text output.</summary>
    string? OutputJsonSchema { get; }

    /// <summary>Renders the prompt from its input given as JSON (the wire names of the input schema).</summary>
    IList<ChatMessage> RenderJson(JsonElement input);

    /// <summary>The chat options the prompt's frontmatter asks for.</summary>
    ChatOptions CreateOptions();

    /// <summary>Parses model text with the generated parser and returns the typed value re-serialized as JSON.</summary>
    PromptJsonParseResult ParseToJson(string modelText);
}
