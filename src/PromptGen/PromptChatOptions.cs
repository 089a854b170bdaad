using Microsoft.Extensions.AI;

namespace PromptGen;

/// <summary>Combines a prompt's options (from its frontmatter) with the options a caller passes; used by generated code.</summary>
public static class PromptChatOptions
{
    /// <summary>
    /// The caller's options over the prompt's: every setting the caller leaves unset comes from
    /// <paramref name="promptOptions"/>; <c>AdditionalProperties</c> are merged key by key, the caller's keys winning.
    /// Neither argument is modified.
    /// </summary>
    public static ChatOptions Merge(ChatOptions promptOptions, ChatOptions? callerOptions)
    {
        if (promptOptions is null)
        {
            throw new System.ArgumentNullException(nameof(promptOptions));
        }

        if (callerOptions is null)
        {
            return promptOptions;
        }

        var merged = callerOptions.Clone();
        merged.ConversationId ??= promptOptions.ConversationId;
        merged.Instructions ??= promptOptions.Instructions;
        merged.Temperature ??= promptOptions.Temperature;
        merged.MaxOutputTokens ??= promptOptions.MaxOutputTokens;
        merged.TopP ??= promptOptions.TopP;
        merged.TopK ??= promptOptions.TopK;
        merged.FrequencyPenalty ??= promptOptions.FrequencyPenalty;
        merged.PresencePenalty ??= promptOptions.PresencePenalty;
        merged.Seed ??= promptOptions.Seed;
        merged.Reasoning ??= promptOptions.Reasoning is null ? null : new ReasoningOptions { Effort = promptOptions.Reasoning.Effort, Output = promptOptions.Reasoning.Output };
        merged.ResponseFormat ??= promptOptions.ResponseFormat;
        merged.ModelId ??= promptOptions.ModelId;
        merged.StopSequences ??= promptOptions.StopSequences is null ? null : new List<string>(promptOptions.StopSequences);
        merged.AllowMultipleToolCalls ??= promptOptions.AllowMultipleToolCalls;
        merged.ToolMode ??= promptOptions.ToolMode;
        merged.Tools ??= promptOptions.Tools is null ? null : new List<AITool>(promptOptions.Tools);
        merged.RawRepresentationFactory ??= promptOptions.RawRepresentationFactory;
        if (promptOptions.AdditionalProperties is { Count: > 0 } defaults)
        {
            var properties = merged.AdditionalProperties is null ? new AdditionalPropertiesDictionary() : new AdditionalPropertiesDictionary(merged.AdditionalProperties);
            foreach (var pair in defaults)
            {
                if (!properties.ContainsKey(pair.Key))
                {
                    properties[pair.Key] = pair.Value;
                }
            }

            merged.AdditionalProperties = properties;
        }

        return merged;
    }
}
