using PromptGen.Language.Diagnostics;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Language.Prompts;

/// <summary>The result of rendering a prompt: its resolved metadata (without <c>input</c>) plus the messages.</summary>
public sealed class RenderedPrompt
{
    public RenderedPrompt(PromptValue metadata, IReadOnlyList<PromptMessage> messages, IReadOnlyList<PromptDiagnostic> diagnostics)
    {
        Metadata = metadata ?? throw new ArgumentNullException(nameof(metadata));
        Messages = messages ?? throw new ArgumentNullException(nameof(messages));
        Diagnostics = diagnostics ?? throw new ArgumentNullException(nameof(diagnostics));
    }

    /// <summary>Resolved metadata as a JSON object: <c>ext</c>, <c>metadata</c>, <c>config</c>, <c>model</c>, <c>output</c>, <c>raw</c>, ...</summary>
    public PromptValue Metadata { get; }

    public IReadOnlyList<PromptMessage> Messages { get; }

    /// <summary>Every diagnostic of the prompt file, sorted by position.</summary>
    public IReadOnlyList<PromptDiagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == PromptDiagnosticSeverity.Error);

    /// <summary>The reference runtime's rendered-prompt shape: the metadata keys followed by <c>messages</c>.</summary>
    public PromptValue ToValue() =>
        Metadata.With("messages", PromptValue.Array(Messages.Select(m => m.ToValue())));
}
