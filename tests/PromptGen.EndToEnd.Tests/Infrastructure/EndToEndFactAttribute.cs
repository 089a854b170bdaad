using System;

namespace PromptGen.EndToEnd.Tests.Infrastructure;

/// <summary>A test that packs and builds real projects; skipped when PROMPTGEN_SKIP_E2E=1.</summary>
public sealed class EndToEndFactAttribute : FactAttribute
{
    public EndToEndFactAttribute()
    {
        if (EndToEnd.SkipRequested) Skip = EndToEnd.SkipReason;
    }
}

/// <summary>A data-driven <see cref="EndToEndFactAttribute"/>.</summary>
public sealed class EndToEndTheoryAttribute : TheoryAttribute
{
    public EndToEndTheoryAttribute()
    {
        if (EndToEnd.SkipRequested) Skip = EndToEnd.SkipReason;
    }
}

internal static class EndToEnd
{
    public const string SkipReason = "PROMPTGEN_SKIP_E2E=1";

    public static bool SkipRequested => Environment.GetEnvironmentVariable("PROMPTGEN_SKIP_E2E") is "1" or "true";
}
