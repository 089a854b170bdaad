using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using PromptGen.Language.Values;

namespace PromptGen.Property.Tests;

/// <summary>One random input of one prompt: the generated (typed) render call and the same input as a value.</summary>
/// <param name="PromptFile">The prompt's file name under Prompts/.</param>
/// <param name="RenderTyped">Calls the generated <c>Render(Input)</c> with the typed input.</param>
/// <param name="Input">The same input for the run-time renderer.</param>
internal sealed record RenderCase(string PromptFile, Func<IList<ChatMessage>> RenderTyped, PromptValue Input)
{
    public override string ToString() => $"{PromptFile}: {PromptJson.Serialize(Input)}";
}
