namespace PromptGen.Generator.Tests.Infrastructure;

/// <summary>
/// Minimal stand-ins for the PromptGen runtime types that generated signatures mention, compiled next to the
/// generated code until the runtime library is referenced instead.
/// </summary>
internal static class RuntimeStubs
{
    public const string Source = """
        namespace PromptGen
        {
            public sealed class PromptResult<T> { }
            public sealed class PromptParseReport { }
        }
        """;
}
