using System.Runtime.InteropServices;

namespace PromptGen.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancellation the running verb can finish cleanly: an eval run
/// writes the recordings of the calls it paid for, then the process exits with 130. A second Ctrl+C stops at once.
/// </summary>
internal sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly TextWriter _stderr;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public ConsoleCancellation(TextWriter stderr)
    {
        _stderr = stderr;
        _registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        };
    }

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) > 1)
        {
            // The user insists: let the default handling end the process.
            return;
        }

        context.Cancel = true;
        try
        {
            _stderr.Write("promptgen: cancelling; finishing what was paid for (press Ctrl+C again to stop at once)\n");
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
        }

        _source.Cancel();
    }
}
