using System.Globalization;
using PromptGen.Cli.Arguments;
using PromptGen.Evals.Batch;
using PromptGen.Evals.Recording;
using PromptGen.Evals.Running;
using PromptGen.Evals.Sharing;

namespace PromptGen.Cli.Verbs;

/// <summary>
/// The options of <c>promptgen eval</c> that take a suite past one process: a provider's batch API (<c>--batch</c>,
/// <c>--batch-state</c>, <c>--batch-timeout</c>) and a recordings store shared between runs (<c>--recordings-store</c>).
/// </summary>
internal static class EvalScale
{
    internal static readonly OptionSpec BatchOption = new("--batch", null, "Send the missing model calls through the provider's batch API (about half price, answers within 24 h); auto and record modes.");
    internal static readonly OptionSpec BatchStateOption = new("--batch-state", "file", "Batch: keep the submitted batches and collected answers in this file, so a later command with the same file collects them.");
    internal static readonly OptionSpec BatchTimeoutOption = new("--batch-timeout", "duration", "Batch: how long to wait for the batches (e.g. 0, 90s, 30m, 24h; default 25h); then exit 75 with them pending.");
    internal static readonly OptionSpec RecordingsStoreOption = new("--recordings-store", "redis://host:port", "Look calls up in this shared recordings store before calling the model, and add the answers to it.");

    public static readonly IReadOnlyList<OptionSpec> Options = new[]
    {
        BatchOption,
        BatchStateOption,
        BatchTimeoutOption,
        RecordingsStoreOption,
    };

    /// <summary>Refuses, before anything is loaded, options the mode cannot use.</summary>
    public static void Validate(ParsedArguments arguments, EvalMode mode)
    {
        if (IsBatch(arguments) && EvalExperiment.IsRequested(arguments))
            throw new UsageException($"{BatchOption} runs a suite, not an experiment");
        if (IsBatch(arguments) && mode is not (EvalMode.Auto or EvalMode.Record))
            throw new UsageException($"{BatchOption} sends calls to the model: use it with --mode auto or record, not {mode.ToName()}");
        if (!IsBatch(arguments) && (arguments.GetValue(BatchStateOption) ?? arguments.GetValue(BatchTimeoutOption)) is not null)
            throw new UsageException($"{BatchStateOption} and {BatchTimeoutOption} go with {BatchOption}");
        if (arguments.GetValue(RecordingsStoreOption) is not null && mode is not (EvalMode.Auto or EvalMode.Record))
            throw new UsageException($"{RecordingsStoreOption} is read and written in auto and record modes; export it into the recordings files with `promptgen recordings export` to replay it");
    }

    /// <summary>The request with the shared recordings store connected, when one is named.</summary>
    /// <exception cref="PromptGen.Evals.Providers.EvalProviderException">The store is unreachable or its URL malformed.</exception>
    public static EvalRunRequest Apply(ParsedArguments arguments, EvalRunRequest request, CancellationToken cancellationToken)
    {
        if (arguments.GetValue(RecordingsStoreOption) is not { } url)
            return request;
        return request with { SharedRecordings = SharedRecordingsStore.ConnectAsync(url, cancellationToken).GetAwaiter().GetResult() };
    }

    public static bool IsBatch(ParsedArguments arguments) => arguments.HasFlag(BatchOption);

    /// <summary>Runs the suite through batches: the run's result, or null (after saying so) while batches are pending.</summary>
    public static EvalRunResult? RunBatch(ParsedArguments arguments, EvalRunRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var statePath = arguments.GetValue(BatchStateOption);
        var options = new EvalBatchOptions
        {
            StatePath = statePath is null ? null : Path.GetFullPath(statePath),
            Progress = request.Progress is null ? null : new ConsoleLines(stderr),
        };
        if (arguments.GetValue(BatchTimeoutOption) is { } timeout)
            options = options with { PollTimeout = ParseDuration(timeout) };
        var outcome = EvalBatchRunner.RunAsync(request, options, cancellationToken).GetAwaiter().GetResult();
        if (outcome.RequestsSubmitted > 0)
            stdout.Write(string.Format(CultureInfo.InvariantCulture, "PromptGen evals: {0} request(s) submitted in batches.\n", outcome.RequestsSubmitted));
        if (outcome.Result is not null)
            return outcome.Result;
        stdout.Write($"PromptGen evals: batches pending: {string.Join(", ", outcome.PendingBatches)}.\n");
        stdout.Write(statePath is null
            ? $"PromptGen evals: run again with {BatchStateOption} <file> to collect batches in a later command.\n"
            : $"PromptGen evals: run the same command again (with {BatchStateOption} {statePath}) to collect them.\n");
        return null;
    }

    /// <summary>Parses <c>0</c>, <c>90s</c>, <c>30m</c>, <c>24h</c> (a bare number is seconds).</summary>
    internal static TimeSpan ParseDuration(string text)
    {
        var trimmed = text.Trim();
        var unit = trimmed.Length > 0 && char.IsLetter(trimmed[^1]) ? char.ToLowerInvariant(trimmed[^1]) : 's';
        var number = char.IsLetter(trimmed.Length > 0 ? trimmed[^1] : '0') ? trimmed[..^1] : trimmed;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 30 * 24 * 3600 || unit is not ('s' or 'm' or 'h'))
            throw new UsageException($"{BatchTimeoutOption} must be a duration such as 0, 90s, 30m or 24h (at most 30 days), not '{text}'");
        var seconds = unit switch { 'h' => value * 3600, 'm' => value * 60, _ => value };
        if (seconds > 30 * 24 * 3600)
            throw new UsageException($"{BatchTimeoutOption} is at most 30 days, not '{text}'");
        return TimeSpan.FromSeconds(seconds);
    }

    // Batch progress as lines on standard error, written at once and in order (Progress<T> would post them to the thread pool).
    private sealed class ConsoleLines : IProgress<string>
    {
        private readonly TextWriter _writer;

        public ConsoleLines(TextWriter writer) => _writer = writer;

        public void Report(string value)
        {
            lock (_writer)
            {
                _writer.Write("PromptGen evals: " + value + "\n");
                _writer.Flush();
            }
        }
    }
}
