using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PromptGen.Evals.Results;

namespace PromptGen.Evals.Reports;

/// <summary>
/// Defence in depth for reports: the result model carries no secrets, but a model or provider error can echo one back.
/// Values of environment variables whose names look secret (<c>*KEY*</c>, <c>*TOKEN*</c>, <c>*SECRET*</c>,
/// <c>*PASSWORD*</c>, <c>*CREDENTIAL*</c>) and at least 8 characters long are replaced by <c>***</c> in every text
/// field before a report is rendered.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";
    private const int MinimumSecretLength = 8;
    private static readonly Regex SecretName = new("KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly string[] _secrets;

    public SecretRedactor(IEnumerable<string> secrets)
    {
        // Longest first so a secret containing another is masked whole.
        _secrets = secrets.Where(s => s is { Length: >= MinimumSecretLength }).Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length).ToArray();
    }

    public static SecretRedactor None { get; } = new(Array.Empty<string>());

    /// <summary>Collects secret-looking environment variables of this process.</summary>
    public static SecretRedactor FromEnvironment()
    {
        var values = new List<string>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && SecretName.IsMatch(name) && entry.Value is string value) values.Add(value.Trim());
        }

        return new SecretRedactor(values);
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            if (text.IndexOf(secret, StringComparison.Ordinal) >= 0) text = text.Replace(secret, Mask);
        }

        return text;
    }

    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    public EvalRun Redact(EvalRun run)
    {
        if (_secrets.Length == 0) return run;
        return run with { Suites = run.Suites.Select(s => s with { Result = Redact(s.Result) }).ToArray() };
    }

    private SuiteResult Redact(SuiteResult suite) => suite with
    {
        Cases = suite.Cases.Select(c => c with { Trials = c.Trials.Select(Redact).ToArray() }).ToArray(),
        Gate = suite.Gate is null ? null : suite.Gate with
        {
            Findings = suite.Gate.Findings.Select(f => f with { Message = Redact(f.Message) }).ToArray(),
        },
    };

    private TrialResult Redact(TrialResult trial) => trial with
    {
        Error = RedactOrNull(trial.Error),
        RenderedMessagesJson = RedactOrNull(trial.RenderedMessagesJson),
        ModelText = RedactOrNull(trial.ModelText),
        OutputJson = RedactOrNull(trial.OutputJson),
        Repairs = trial.Repairs.Select(Redact).ToArray(),
        Assertions = trial.Assertions.Select(a => a with { Message = RedactOrNull(a.Message), Description = Redact(a.Description) }).ToArray(),
    };
}
