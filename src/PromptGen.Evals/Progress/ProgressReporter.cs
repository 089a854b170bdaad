using System.Globalization;
using PromptGen.Evals.Results;

namespace PromptGen.Evals.Progress;

/// <summary>
/// Progress of an eval run: cases done of total, failures so far, spend. On an interactive terminal it keeps
/// one line updated in place (carriage return, padded over the previous text); in CI or when output is redirected it
/// writes one plain line per finished case. Safe to call from concurrent case runs.
/// </summary>
public sealed class ProgressReporter
{
    private readonly TextWriter _writer;
    private readonly object _gate = new();
    private int _total;
    private int _done;
    private int _failures;
    private int _errors;
    private decimal _spend;
    private bool _hasSpend;
    private int _lastLength;

    /// <param name="writer">Where progress goes (usually standard error).</param>
    /// <param name="interactive">Update a single line in place (true) or write plain lines (false).</param>
    public ProgressReporter(TextWriter writer, bool interactive)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        Interactive = interactive;
    }

    public bool Interactive { get; }

    /// <summary>A reporter on standard error, interactive unless <see cref="ProgressMode.IsInteractive"/> says otherwise.</summary>
    public static ProgressReporter ForConsole() =>
        new(Console.Error, ProgressMode.IsInteractive(Environment.GetEnvironmentVariable("CI"), Console.IsErrorRedirected));

    /// <summary>Starts (or extends) a run of <paramref name="totalCases"/> cases.</summary>
    public void Start(int totalCases)
    {
        lock (_gate)
        {
            _total += Math.Max(0, totalCases);
            if (Interactive) Redraw(Status());
        }
    }

    /// <summary>Records a finished case; <paramref name="result"/> is as the runner produced it (before or after gating).</summary>
    public void CaseCompleted(string suite, CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _done++;
            if (result.IsError) _errors++;
            else if (!result.Passed) _failures++;
            foreach (var trial in result.Trials)
            {
                if (trial.Cost is { } cost)
                {
                    _spend += cost;
                    _hasSpend = true;
                }
            }

            if (Interactive)
            {
                Redraw(Status());
            }
            else
            {
                var outcome = result.IsError ? "error" : result.Passed ? "passed" : "failed";
                _writer.WriteLine($"[{_done}/{_total}] {suite} {result.CaseId}: {outcome} ({Tally()})");
            }
        }
    }

    /// <summary>Ends the run: the interactive line is finished with a newline; plain mode prints a final tally.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (Interactive)
            {
                Redraw(Status());
                _writer.WriteLine();
                _lastLength = 0;
            }
            else
            {
                _writer.WriteLine($"Evals finished: {_done}/{_total} cases, {Tally()}");
            }

            _writer.Flush();
        }
    }

    private string Status() => $"Evals {_done}/{_total} cases, {Tally()}";

    private string Tally()
    {
        var text = $"{_failures} failed";
        if (_errors > 0) text += $", {_errors} errors";
        if (_hasSpend) text += ", spend " + _spend.ToString("0.####", CultureInfo.InvariantCulture);
        return text;
    }

    private void Redraw(string line)
    {
        // Pad over the previous line so a shorter status leaves no stale characters behind.
        var padding = Math.Max(0, _lastLength - line.Length);
        _writer.Write("\r" + line + new string(' ', padding));
        _writer.Flush();
        _lastLength = line.Length;
    }
}
