using PromptGen.Language.Values;

namespace PromptGen.Conformance.Tests;

/// <summary>One test of the Dotprompt spec suite, with its suite's shared settings already attached.</summary>
public sealed class SpecCase
{
    public SpecCase(string id, string file, PromptValue suite, PromptValue test)
    {
        Id = id;
        File = file;
        Suite = suite;
        Test = test;
    }

    /// <summary><c>file &gt; suite &gt; desc</c>, unique across the suite.</summary>
    public string Id { get; }

    /// <summary>The spec file, relative to the suite folder, without <c>.yaml</c> (e.g. <c>helpers/role</c>).</summary>
    public string File { get; }

    /// <summary>The whole suite object: <c>name</c>, <c>template</c>, <c>data</c>, <c>schemas</c>, <c>partials</c>, ...</summary>
    public PromptValue Suite { get; }

    /// <summary>The test object: <c>desc</c>, <c>data</c>, <c>options</c>, <c>expect</c>.</summary>
    public PromptValue Test { get; }

    public string SuiteName => Suite["name"]?.AsString ?? string.Empty;

    public string Template => Suite["template"]?.AsString ?? string.Empty;

    public PromptValue? Options => Test["options"];

    public PromptValue Expect => Test["expect"] ?? PromptValue.EmptyObject();

    public override string ToString() => Id;
}
