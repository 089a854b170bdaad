using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace PromptGen.Evals.Recording;

/// <summary>
/// The canonical form of a model request: everything that can change the answer, nothing that identifies
/// where or as whom it was sent (no endpoint, key, headers). Its hash, with the trial and kind, is the recording key.
/// </summary>
public static class CanonicalRequest
{
    // Additional properties whose names look like credentials never enter the canonical request.
    private static readonly Regex SecretLikeName = new(
        "(api[-_]?key|secret|password|passwd|authorization|bearer|access[-_]?token|refresh[-_]?token|credential)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The canonical JSON object of a chat request.</summary>
    public static JsonObject ForChat(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (messages is null)
            throw new ArgumentNullException(nameof(messages));
        var result = new JsonObject { ["messages"] = new JsonArray(messages.Select(Message).ToArray()) };
        var canonicalOptions = ChatOptionsNode(options);
        if (canonicalOptions.Count > 0)
            result["options"] = canonicalOptions;
        return (JsonObject)CanonicalJson.Normalize(result)!;
    }

    /// <summary>The canonical JSON object of an embedding request.</summary>
    public static JsonObject ForEmbedding(IEnumerable<string> values, EmbeddingGenerationOptions? options)
    {
        if (values is null)
            throw new ArgumentNullException(nameof(values));
        var result = new JsonObject { ["inputs"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()) };
        var canonicalOptions = new JsonObject();
        if (options is not null)
        {
            if (options.ModelId is not null)
                canonicalOptions["modelId"] = options.ModelId;
            if (options.Dimensions is int dimensions)
                canonicalOptions["dimensions"] = dimensions;
            AddAdditionalProperties(canonicalOptions, options.AdditionalProperties);
        }
        if (canonicalOptions.Count > 0)
            result["options"] = canonicalOptions;
        return (JsonObject)CanonicalJson.Normalize(result)!;
    }

    /// <summary>
    /// The recording key: lower-case hex SHA-256 of the canonical JSON of kind, trial and request together.
    /// </summary>
    public static string Key(RecordingKind kind, int trial, JsonObject canonicalRequest)
    {
        var keyed = new JsonObject
        {
            ["kind"] = kind.ToName(),
            ["request"] = canonicalRequest.DeepClone(),
            ["trial"] = trial,
        };
        return CanonicalJson.Sha256Hex(CanonicalJson.Serialize(keyed));
    }

    private static JsonNode Message(ChatMessage message)
    {
        var node = new JsonObject { ["role"] = message.Role.Value };
        if (!string.IsNullOrEmpty(message.AuthorName))
            node["authorName"] = message.AuthorName;
        node["parts"] = new JsonArray(message.Contents.Select(Part).Where(p => p is not null).ToArray());
        return node;
    }

    private static JsonNode? Part(AIContent content)
    {
        switch (content)
        {
            case TextContent text:
                return new JsonObject { ["text"] = text.Text ?? string.Empty };
            case TextReasoningContent reasoning:
                return new JsonObject { ["reasoning"] = reasoning.Text ?? string.Empty };
            case DataContent data:
                // Bytes are represented by their hash: the request stays small and reviewable, and still changes when they do.
                return new JsonObject
                {
                    ["media"] = new JsonObject
                    {
                        ["contentType"] = data.MediaType,
                        ["dataSha256"] = CanonicalJson.Sha256Hex(data.Data.Span),
                    },
                };
            case UriContent uri:
                return new JsonObject
                {
                    ["media"] = new JsonObject { ["contentType"] = uri.MediaType, ["url"] = uri.Uri.ToString() },
                };
            case FunctionCallContent call:
                return new JsonObject
                {
                    ["functionCall"] = new JsonObject
                    {
                        ["arguments"] = ToNode(call.Arguments),
                        ["callId"] = call.CallId,
                        ["name"] = call.Name,
                    },
                };
            case FunctionResultContent result:
                return new JsonObject
                {
                    ["functionResult"] = new JsonObject { ["callId"] = result.CallId, ["result"] = ToNode(result.Result) },
                };
            case UsageContent:
                return null;
            default:
                return new JsonObject { ["other"] = content.GetType().Name };
        }
    }

    // An option that is not set is left out, so adding an option to ChatOptions does not change existing keys.
    private static void AddIfSet(JsonObject node, string name, JsonNode? value)
    {
        if (value is not null)
            node[name] = value;
    }

    private static JsonObject ChatOptionsNode(ChatOptions? options)
    {
        var node = new JsonObject();
        if (options is null)
            return node;
        AddIfSet(node, "modelId", options.ModelId);
        AddIfSet(node, "instructions", options.Instructions);
        AddIfSet(node, "temperature", options.Temperature);
        AddIfSet(node, "topP", options.TopP);
        AddIfSet(node, "topK", options.TopK);
        AddIfSet(node, "maxOutputTokens", options.MaxOutputTokens);
        AddIfSet(node, "frequencyPenalty", options.FrequencyPenalty);
        AddIfSet(node, "presencePenalty", options.PresencePenalty);
        AddIfSet(node, "seed", options.Seed);
        if (options.StopSequences is { Count: > 0 } stops)
            node["stopSequences"] = new JsonArray(stops.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        if (options.Reasoning is not null)
            node["reasoning"] = ToNode(options.Reasoning);
        switch (options.ResponseFormat)
        {
            case ChatResponseFormatJson json:
                var format = new JsonObject { ["type"] = "json" };
                AddIfSet(format, "schemaName", json.SchemaName);
                AddIfSet(format, "schemaDescription", json.SchemaDescription);
                if (json.Schema is JsonElement schema)
                    format["schema"] = JsonNode.Parse(schema.GetRawText());
                node["responseFormat"] = format;
                break;
            case ChatResponseFormatText:
                node["responseFormat"] = new JsonObject { ["type"] = "text" };
                break;
        }
        if (options.Tools is { Count: > 0 } tools)
            node["tools"] = new JsonArray(tools.Select(Tool).ToArray());
        switch (options.ToolMode)
        {
            case NoneChatToolMode:
                node["toolMode"] = "none";
                break;
            case RequiredChatToolMode required:
                node["toolMode"] = required.RequiredFunctionName is null ? "required" : "required:" + required.RequiredFunctionName;
                break;
            case AutoChatToolMode:
                node["toolMode"] = "auto";
                break;
        }
        AddAdditionalProperties(node, options.AdditionalProperties);
        return node;
    }

    private static JsonNode Tool(AITool tool)
    {
        var node = new JsonObject { ["name"] = tool.Name };
        if (!string.IsNullOrEmpty(tool.Description))
            node["description"] = tool.Description;
        if (tool is AIFunctionDeclaration function)
            node["schema"] = JsonNode.Parse(function.JsonSchema.GetRawText());
        return node;
    }

    private static void AddAdditionalProperties(JsonObject node, AdditionalPropertiesDictionary? properties)
    {
        if (properties is not { Count: > 0 })
            return;
        var extra = new JsonObject();
        foreach (var pair in properties.Where(p => !SecretLikeName.IsMatch(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            extra[pair.Key] = ToNode(pair.Value);
        if (extra.Count > 0)
            node["additionalProperties"] = extra;
    }

    private static JsonNode? ToNode(object? value)
    {
        if (value is null)
            return null;
        if (value is JsonElement element)
            return JsonNode.Parse(element.GetRawText());
        if (value is JsonNode node)
            return node.DeepClone();
        try
        {
            return JsonSerializer.SerializeToNode(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value.GetType()));
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException or ArgumentException)
        {
            // A value the serializer cannot handle still has to key the request deterministically.
            return JsonValue.Create(value.ToString());
        }
    }
}
