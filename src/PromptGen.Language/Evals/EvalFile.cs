using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;

namespace PromptGen.Language.Evals;

/// <summary>A parsed <c>*.eval.yaml</c> file: its prompt, defaults, cases and gate, plus what was wrong with it.</summary>
public sealed class EvalFile
{
    /// <summary>The eval file's path as given to the parser (used in diagnostics).</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The <c>prompt:</c> value as written, or <c>null</c> when the prompt is found by name.</summary>
    public string? PromptReference { get; init; }

    /// <summary>Where the <c>prompt:</c> value is written.</summary>
    public SourceSpan? PromptReferenceSpan { get; init; }

    public EvalDefaults Defaults { get; init; } = EvalDefaults.Standard;

    public IReadOnlyList<EvalCase> Cases { get; init; } = Array.Empty<EvalCase>();

    public EvalGateSettings Gate { get; init; } = EvalGateSettings.Standard;

    /// <summary>The <c>experiment:</c> block, or <c>null</c> when the file has none.</summary>
    public EvalExperiment? Experiment { get; init; }

    /// <summary>Problems found without looking at the prompt: PG0001 (YAML), PG0502 (input not a mapping), PG0504, PG0505.</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; init; } = Array.Empty<PromptDiagnostic>();

    /// <summary>The file's line map, so callers can place findings.</summary>
    public LineMap? Lines { get; init; }

    /// <summary>The prompt file this eval file tests (see <see cref="EvalPromptLink"/>).</summary>
    public string PromptPath => EvalPromptLink.GetPromptPath(Path, PromptReference);
}
