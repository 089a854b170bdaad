using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptGen.Evals.Recording;

namespace PromptGen.Evals.Tests.Recording;

public class CanonicalRequestTests
{
    private static readonly ChatMessage[] Messages =
    {
        new(ChatRole.System, "You triage tickets."),
        new(ChatRole.User, "Charged twice."),
    };

    private static string Key(ChatOptions? options, int trial = 0, ChatMessage[]? messages = null, RecordingKind kind = RecordingKind.Chat) =>
        CanonicalRequest.Key(kind, trial, CanonicalRequest.ForChat(messages ?? Messages, options));

    private static JsonElement Schema(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void The_key_is_a_lowercase_hex_sha256_and_is_stable()
    {
        var key = Key(new ChatOptions { Temperature = 0.2f });

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.Equal(key, Key(new ChatOptions { Temperature = 0.2f }));
    }

    [Fact]
    public void The_trial_and_the_kind_change_the_key()
    {
        Assert.NotEqual(Key(null, trial: 0), Key(null, trial: 1));
        Assert.NotEqual(Key(null, kind: RecordingKind.Chat), Key(null, kind: RecordingKind.Judge));
    }

    public static IEnumerable<object[]> AnswerChangingOptions() => new[]
    {
        new object[] { new ChatOptions { ModelId = "gpt-4o" } },
        new object[] { new ChatOptions { Temperature = 0.7f } },
        new object[] { new ChatOptions { TopP = 0.9f } },
        new object[] { new ChatOptions { TopK = 40 } },
        new object[] { new ChatOptions { MaxOutputTokens = 100 } },
        new object[] { new ChatOptions { StopSequences = new List<string> { "END" } } },
        new object[] { new ChatOptions { Seed = 42 } },
        new object[] { new ChatOptions { ResponseFormat = ChatResponseFormat.Json } },
        new object[] { new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema("{\"type\":\"object\"}"), "Triage") } },
        new object[] { new ChatOptions { Tools = new List<AITool> { AIFunctionFactory.Create((string city) => city, "lookup") } } },
        new object[] { new ChatOptions { AdditionalProperties = new AdditionalPropertiesDictionary { ["logit_bias"] = 1 } } },
    };

    [Theory]
    [MemberData(nameof(AnswerChangingOptions))]
    public void Options_that_change_the_answer_change_the_key(ChatOptions options)
    {
        Assert.NotEqual(Key(null), Key(options));
    }

    [Fact]
    public void The_json_schema_itself_is_part_of_the_key()
    {
        var a = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema("{\"type\":\"object\",\"required\":[\"a\"]}"), "T") };
        var b = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema("{\"type\":\"object\",\"required\":[\"b\"]}"), "T") };

        Assert.NotEqual(Key(a), Key(b));
    }

    [Fact]
    public void Key_order_inside_a_schema_does_not_change_the_key()
    {
        var a = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema("{\"type\":\"object\",\"title\":\"x\"}"), "T") };
        var b = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(Schema("{\"title\":\"x\",\"type\":\"object\"}"), "T") };

        Assert.Equal(Key(a), Key(b));
    }

    [Fact]
    public void Secret_looking_additional_properties_never_enter_the_request_or_the_key()
    {
        var plain = Key(null);
        var withSecrets = new ChatOptions
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { ["api_key"] = "sk-abc", ["Authorization"] = "Bearer x", ["client_secret"] = "s" },
        };

        Assert.Equal(plain, Key(withSecrets));
        Assert.DoesNotContain("sk-abc", CanonicalRequest.ForChat(Messages, withSecrets).ToJsonString());
    }

    [Fact]
    public void Media_parts_are_keyed_by_url_content_type_and_data_hash()
    {
        var image = new ChatMessage(ChatRole.User, new List<AIContent> { new DataContent(new byte[] { 1, 2, 3 }, "image/png") });
        var other = new ChatMessage(ChatRole.User, new List<AIContent> { new DataContent(new byte[] { 1, 2, 4 }, "image/png") });
        var url = new ChatMessage(ChatRole.User, new List<AIContent> { new UriContent("https://example.com/a.png", "image/png") });

        var request = CanonicalRequest.ForChat(new[] { image }, null).ToJsonString();

        Assert.Contains("dataSha256", request);
        Assert.DoesNotContain("AQID", request); // the base64 of the bytes is not stored
        Assert.NotEqual(Key(null, messages: new[] { image }), Key(null, messages: new[] { other }));
        Assert.Contains("https://example.com/a.png", CanonicalRequest.ForChat(new[] { url }, null).ToJsonString());
    }

    [Fact]
    public void Embedding_requests_key_on_inputs_model_and_dimensions()
    {
        string EmbeddingKey(string[] inputs, EmbeddingGenerationOptions? options) =>
            CanonicalRequest.Key(RecordingKind.Embedding, 0, CanonicalRequest.ForEmbedding(inputs, options));

        var baseKey = EmbeddingKey(new[] { "a" }, null);
        Assert.NotEqual(baseKey, EmbeddingKey(new[] { "b" }, null));
        Assert.NotEqual(baseKey, EmbeddingKey(new[] { "a" }, new EmbeddingGenerationOptions { ModelId = "m" }));
        Assert.NotEqual(baseKey, EmbeddingKey(new[] { "a" }, new EmbeddingGenerationOptions { Dimensions = 256 }));
    }
}
