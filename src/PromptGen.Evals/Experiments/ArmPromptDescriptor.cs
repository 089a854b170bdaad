using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Catalog;

namespace PromptGen.Evals.Experiments;

/// <summary>A prompt (or variant) descriptor run as one arm: the arm's model and sampling settings over the prompt's options.</summary>
internal sealed class ArmPromptDescriptor(IPromptDescriptor prompt, ExperimentArm arm) : IPromptDescriptor
{
    private readonly IPromptDescriptor _prompt = prompt;
    private readonly ExperimentArm _arm = arm;

    public string Name => _prompt.Name;

    public string SourcePath => _prompt.SourcePath;

    public string? OutputJsonSchema => _prompt.OutputJsonSchema;

    public IList<ChatMessage> RenderJson(JsonElement input) => _prompt.RenderJson(input);

    public ChatOptions CreateOptions()
    {
        var options = _prompt.CreateOptions();
        if (_arm.Model is not null) options.ModelId = _arm.Model;
        if (_arm.Temperature is float temperature) options.Temperature = temperature;
        return options;
    }

    public PromptJsonParseResult ParseToJson(string modelText) => _prompt.ParseToJson(modelText);
}
