namespace PromptGen.LanguageServer;

/// <summary>
/// Runs eval cases for the server's "Run this case" command. The <c>promptgen</c> CLI supplies one that runs its
/// <c>eval</c> verb (the project's built assembly, recordings replayed unless another mode is asked for).
/// </summary>
public interface IEvalCaseRunner
{
    /// <param name="evalFilePath">The eval file.</param>
    /// <param name="caseId">The case to run, or null for every case of the file.</param>
    /// <param name="mode">The recording mode: <c>replay</c> (default), <c>auto</c>, <c>record</c> or <c>live</c>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    Task<EvalCaseRunResult> RunAsync(string evalFilePath, string? caseId, string mode, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IEvalCaseRunner.RunAsync"/>.</summary>
/// <param name="Passed">True when the run's gate passed.</param>
/// <param name="Output">What the run printed (findings and summary), for the user to read.</param>
public sealed record EvalCaseRunResult(bool Passed, string Output);
