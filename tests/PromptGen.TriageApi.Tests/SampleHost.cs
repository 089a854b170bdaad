namespace PromptGen.TriageApi.Tests;

/// <summary>
/// Tests that start the sample's host run one at a time: WebApplicationFactory finds the host the entry point builds by
/// listening to every host being built in the process, so two factories starting at once can see each other's host.
/// </summary>
public static class SampleHost
{
    public const string Collection = "TriageApi host";
}
