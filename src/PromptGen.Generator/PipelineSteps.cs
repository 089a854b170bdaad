using Microsoft.CodeAnalysis;

namespace PromptGen.Generator;

/// <summary>
/// The one shape of most pipeline steps: pair each value with one shared value, run a pure function over the pair and
/// name the step so tests can check whether it ran, was cached or left its output unchanged.
/// </summary>
internal static class PipelineSteps
{
    /// <summary>Pairs every value with <paramref name="shared"/> and runs <paramref name="step"/> over each pair.</summary>
    public static IncrementalValuesProvider<TResult> SelectWith<TSource, TShared, TResult>(
        this IncrementalValuesProvider<TSource> source,
        IncrementalValueProvider<TShared> shared,
        Func<TSource, TShared, CancellationToken, TResult> step,
        string trackingName)
        => source
            .Combine(shared)
            .Select((pair, cancellationToken) => step(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(trackingName);

    /// <summary>Pairs every value with <paramref name="shared"/> and runs <paramref name="step"/>, which cannot be cancelled, over each pair.</summary>
    public static IncrementalValuesProvider<TResult> SelectWith<TSource, TShared, TResult>(
        this IncrementalValuesProvider<TSource> source,
        IncrementalValueProvider<TShared> shared,
        Func<TSource, TShared, TResult> step,
        string trackingName)
        => source
            .Combine(shared)
            .Select((pair, _) => step(pair.Left, pair.Right))
            .WithTrackingName(trackingName);
}
