using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI;
using PromptGen.Consumer.Tests.Prompts.Media;
using PromptGen.Evals.Tests.Providers;

namespace PromptGen.Consumer.Tests;

/// <summary>
/// Each form of <c>{{media}}</c> rendered by generated code and sent through Microsoft.Extensions.AI's OpenAI client to
/// a local OpenAI-compatible server: the request body shows what the model receives. Parts whose type cannot be decided
/// fail at <c>Render</c> with <see cref="PromptMediaException"/> and no request is made.
/// </summary>
public sealed class MediaRequestTests
{
    private static readonly byte[] PngBytes = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
    private static readonly string PngDataUri = "data:image/png;base64," + Convert.ToBase64String(PngBytes);
    private static readonly string PdfDataUri = "data:application/pdf;base64," + Convert.ToBase64String("%PDF-1.4"u8.ToArray());
    private static readonly string Mp3Base64 = Convert.ToBase64String(new byte[] { 0xFF, 0xFB, 0x90, 0x64 });
    private static readonly string WavBase64 = Convert.ToBase64String("RIFF$\0\0\0WAVE"u8.ToArray());

    [Fact]
    public async Task The_usual_form_sends_an_image_url_typed_by_its_extension()
    {
        var parts = await SendAsync(client => client.DescribePhotoAsync("https://example.com/photos/cat.JPG?w=200"));

        Assert.Equal("Describe this photo in one sentence.", Text(parts[0]));
        Assert.Equal("https://example.com/photos/cat.JPG?w=200", ImageUrl(Assert.Single(parts.Skip(1))));
    }

    [Fact]
    public void The_usual_form_renders_a_typed_uri_content_marked_as_inferred()
    {
        var content = Assert.IsType<UriContent>(Media(DescribePhotoPrompt.Render(new DescribePhotoPrompt.Input("https://example.com/photos/cat.jpg"))));

        Assert.Equal("image/jpeg", content.MediaType);
        Assert.Equal(true, content.AdditionalProperties?["contentTypeUnspecified"]);
    }

    [Fact]
    public async Task An_image_data_uri_is_sent_inline()
    {
        var parts = await SendAsync(client => client.DescribePhotoAsync(PngDataUri));

        Assert.Equal(PngDataUri, ImageUrl(Assert.Single(parts.Skip(1))));
    }

    [Fact]
    public async Task A_pdf_data_uri_is_sent_as_a_file()
    {
        var parts = await SendAsync(client => client.DescribePhotoAsync(PdfDataUri));

        var file = Assert.Single(parts.Skip(1));
        Assert.Equal("file", file.GetProperty("type").GetString());
        Assert.Equal(PdfDataUri, file.GetProperty("file").GetProperty("file_data").GetString());
    }

    [Theory]
    [InlineData("audio/mpeg", "mp3")]
    [InlineData("audio/wav", "wav")]
    public async Task An_audio_data_uri_is_sent_as_input_audio(string mediaType, string format)
    {
        var data = format == "mp3" ? Mp3Base64 : WavBase64;

        var parts = await SendAsync(client => client.DescribePhotoAsync($"data:{mediaType};base64,{data}"));

        var audio = Assert.Single(parts.Skip(1));
        Assert.Equal("input_audio", audio.GetProperty("type").GetString());
        Assert.Equal(data, audio.GetProperty("input_audio").GetProperty("data").GetString());
        Assert.Equal(format, audio.GetProperty("input_audio").GetProperty("format").GetString());
    }

    [Fact]
    public async Task A_content_type_from_the_input_types_a_url_without_extension()
    {
        var parts = await SendAsync(client => client.DescribeMediaAsync("https://example.com/render?id=42", contentType: "image/webp"));

        Assert.Equal("Summarize this file.", Text(parts[0]));
        Assert.Equal("https://example.com/render?id=42", ImageUrl(Assert.Single(parts.Skip(1))));
    }

    [Fact]
    public async Task A_declared_content_type_wins_over_the_extension()
    {
        var parts = await SendAsync(client => client.DescribeMediaAsync("https://example.com/scan.pdf", contentType: "image/png"));

        Assert.Equal("https://example.com/scan.pdf", ImageUrl(Assert.Single(parts.Skip(1))));
    }

    [Fact]
    public async Task A_pdf_url_is_typed_but_the_openai_chat_api_has_no_part_for_it()
    {
        // PromptGen's part is right (application/pdf); OpenAI Chat Completions takes documents only inline (data: URIs).
        var content = Media(DescribePhotoPrompt.Render(new DescribePhotoPrompt.Input("https://example.com/report.pdf")));
        Assert.Equal("application/pdf", Assert.IsType<UriContent>(content).MediaType);

        var parts = await SendAsync(client => client.DescribePhotoAsync("https://example.com/report.pdf"));

        Assert.Equal("Describe this photo in one sentence.", Text(Assert.Single(parts)));
    }

    [Theory]
    [InlineData("https://example.com/render?id=42&sig=s3cr3t", null, "The media type of 'https://example.com/render?...' is unknown")]
    [InlineData("photos/cat.png", null, "'photos/cat.png' is neither an absolute URL")]
    [InlineData("data:;base64,iVBORw0KGgo=", null, "names no media type")]
    [InlineData("https://example.com/cat.png", "png", "'png' is not a media type")]
    [InlineData("https://example.com/cat.png", "a/b/c", "'a/b/c' is not a media type")]
    [InlineData("data:image/png;base64,!!not-base64!!", null, "is not well-formed")]
    public async Task A_part_that_would_be_dropped_or_rejected_fails_at_render_and_sends_nothing(string url, string? contentType, string message)
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("unused"));
        using var client = OpenAIChatClient(server);

        var exception = await Assert.ThrowsAsync<PromptMediaException>(() => client.DescribeMediaAsync(url, contentType));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", exception.Message, StringComparison.Ordinal);
        Assert.Equal((url, contentType), (exception.Url, exception.ContentType));
        Assert.Equal(0, server.RequestCount);
    }

    private static AIContent Media(IList<ChatMessage> messages) => Assert.Single(messages).Contents.Last();

    private static string? Text(JsonElement part)
    {
        Assert.Equal("text", part.GetProperty("type").GetString());
        return part.GetProperty("text").GetString()?.Trim();
    }

    private static string? ImageUrl(JsonElement part)
    {
        Assert.Equal("image_url", part.GetProperty("type").GetString());
        return part.GetProperty("image_url").GetProperty("url").GetString();
    }

    private static IChatClient OpenAIChatClient(FakeOpenAIServer server) =>
        new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = new Uri(server.Endpoint) })
            .GetChatClient("test-model")
            .AsIChatClient();

    /// <summary>Runs one prompt call against the local server; the parts of the single user message it received.</summary>
    private static async Task<List<JsonElement>> SendAsync(Func<IChatClient, Task> call)
    {
        await using var server = FakeOpenAIServer.Always(FakeOpenAIServer.Chat("A cat on a sofa."));
        using (var client = OpenAIChatClient(server))
        {
            await call(client);
        }

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        using var body = JsonDocument.Parse(request.Body);
        var message = Assert.Single(body.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        var content = message.GetProperty("content");
        if (content.ValueKind == JsonValueKind.String)
        {
            // The client writes a message holding only text as a plain string.
            return new List<JsonElement> { JsonSerializer.SerializeToElement(new { type = "text", text = content.GetString() }) };
        }

        return content.EnumerateArray().Select(p => p.Clone()).ToList();
    }
}
