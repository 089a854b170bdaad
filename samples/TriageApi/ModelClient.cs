using System;
using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI;

namespace TriageApi;

/// <summary>The model the API calls: any OpenAI-compatible endpoint, from configuration (<c>Model:Endpoint</c>, <c>Model:Name</c>, <c>Model:ApiKey</c>).</summary>
internal static class ModelClient
{
    public static IChatClient Create(IConfiguration configuration)
    {
        var name = configuration["Model:Name"];
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidOperationException("Configure the model: set Model:Name (and Model:Endpoint for a server other than OpenAI, Model:ApiKey for its key).");
        // Servers without authentication (a local Ollama, for example) still need a non-empty key in the OpenAI client.
        var key = configuration["Model:ApiKey"] is { Length: > 0 } configured ? configured : "unused";
        var options = new OpenAIClientOptions();
        if (configuration["Model:Endpoint"] is { Length: > 0 } endpoint) options.Endpoint = new Uri(endpoint);
        return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(name).AsIChatClient();
    }
}
