using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using HandlebarsDotNet;
using Microsoft.Extensions.AI;
using PromptGen.Benchmarks.Prompts;

namespace PromptGen.Benchmarks;

/// <summary>
/// One template (<c>Prompts/SupportReply.prompt</c>) and one input, rendered to chat messages by generated <c>Render</c>,
/// by hand-written C#, and by Handlebars.Net (compiled once; its text split into messages at the role markers).
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private readonly SupportReplyPrompt.Input _input = BenchmarkData.SupportReplyInput;
    private readonly HandlebarsSupportReply _handlebars = new(BenchmarkData.SupportReplyTemplate);
    private readonly object _handlebarsInput = HandlebarsSupportReply.ToModel(BenchmarkData.SupportReplyInput);

    [Benchmark(Description = "generated Render")]
    public IList<ChatMessage> GeneratedRender() => SupportReplyPrompt.Render(_input);

    [Benchmark(Baseline = true, Description = "hand-written C#")]
    public IList<ChatMessage> HandWritten() => HandWrittenSupportReply.Render(_input);

    [Benchmark(Description = "Handlebars.Net 2.4.3")]
    public IList<ChatMessage> HandlebarsNet() => _handlebars.Render(_handlebarsInput);
}
