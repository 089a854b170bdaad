using PromptGen.Language.Text;
using PromptGen.Language.Values;
using PromptGen.Language.Yaml;

namespace PromptGen.Language.Evals;

/// <summary>One case of an eval file: an input for the prompt and what its output must satisfy.</summary>
public sealed class EvalCase
{
    /// <summary>The stable id that keys the baseline and the recordings; <c>null</c> when missing or malformed (PG0505).</summary>
    public string? Id { get; init; }

    /// <summary>Where the id value is written (the case's start when it has none).</summary>
    public SourceSpan IdSpan { get; init; }

    /// <summary>An optional human description.</summary>
    public string? Description { get; init; }

    /// <summary>The prompt input as a JSON object with the input schema's wire names (empty object when absent).</summary>
    public PromptValue Input { get; init; } = PromptValue.EmptyObject();

    /// <summary>The <c>input</c> node with positions, for diagnostics; <c>null</c> when there is no <c>input</c> key.</summary>
    public YamlSourceNode? InputNode { get; init; }

    /// <summary>Gating assertions (<c>assert:</c>).</summary>
    public IReadOnlyList<EvalAssertion> Assert { get; init; } = Array.Empty<EvalAssertion>();

    /// <summary>Reported, never gating assertions (<c>check:</c>).</summary>
    public IReadOnlyList<EvalAssertion> Check { get; init; } = Array.Empty<EvalAssertion>();

    /// <summary>Must pass whatever the baseline says.</summary>
    public bool Critical { get; init; }

    /// <summary>The case's own <c>trials</c>, overriding the file's defaults.</summary>
    public int? Trials { get; init; }

    /// <summary>The case's own <c>pass-when</c>, overriding the file's defaults.</summary>
    public EvalPassRule? PassWhen { get; init; }

    /// <summary>The whole case in the eval file.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>Assertions then checks, in file order within each.</summary>
    public IEnumerable<EvalAssertion> AllAssertions
    {
        get
        {
            foreach (var assertion in Assert) yield return assertion;
            foreach (var assertion in Check) yield return assertion;
        }
    }

    public int EffectiveTrials(EvalDefaults defaults) => Trials ?? (defaults ?? EvalDefaults.Standard).Trials;

    public EvalPassRule EffectivePassWhen(EvalDefaults defaults) => PassWhen ?? (defaults ?? EvalDefaults.Standard).PassWhen;
}
