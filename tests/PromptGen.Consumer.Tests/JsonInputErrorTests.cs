using System;
using System.Text.Json;
using PromptGen.Consumer.Tests.Prompts;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// Generated <c>Render(JsonElement)</c> given JSON that is not the prompt's input, called as an application (or the eval
/// runner) calls it: a <see cref="JsonException"/> that says what is wrong and where (<c>Prompts/Greet.prompt</c>).
/// </summary>
public sealed class JsonInputErrorTests
{
    [Theory]
    [InlineData("""{"name":"Ann","marks":"two"}""", "$.marks", "Expected a number but found String at $.marks (byte 22).")]
    [InlineData("""{"name":"Ann","tags":["warm",3]}""", "$.tags[1]", "Expected a string but found Number at $.tags[1] (byte 29).")]
    [InlineData("""{"name":"Ann","mood":"sad"}""", "$.mood", "Expected a value of Mood but found String at $.mood (byte 21).")]
    [InlineData("""["Ann"]""", "$", "Expected an object but found StartArray at $ (byte 0).")]
    public void A_value_of_the_wrong_kind_is_named_by_its_path(string json, string path, string message)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<JsonException>(() => GreetPrompt.Render(document.RootElement));

        Assert.Equal(message, error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        using var document = JsonDocument.Parse("""{"tone":"warm"}""");

        var error = Assert.Throws<JsonException>(() => GreetPrompt.Render(document.RootElement));

        Assert.Equal("The required property 'name' of Input is missing at $.", error.Message);
        Assert.Equal("$", error.Path);
    }

    [Theory]
    [InlineData("""{"name":"\ud800"}""")]
    [InlineData("""{"name":"Ann","\udc00":1}""")]
    public void A_string_escaping_half_of_a_surrogate_pair_is_a_json_error_not_an_invalid_operation(string json)
    {
        using var document = JsonDocument.Parse(json);

        var error = Assert.Throws<JsonException>(() => GreetPrompt.Render(document.RootElement));

        Assert.StartsWith("The JSON text has a string that cannot be decoded", error.Message, StringComparison.Ordinal);
    }
}
