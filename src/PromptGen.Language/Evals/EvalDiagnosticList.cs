using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;

namespace PromptGen.Language.Evals;

/// <summary>Collects diagnostics for one eval file.</summary>
internal sealed class EvalDiagnosticList
{
    private readonly string _path;
    private readonly List<PromptDiagnostic> _items = new();

    public EvalDiagnosticList(string path) => _path = path;

    public IReadOnlyList<PromptDiagnostic> Items => _items;

    public int Count => _items.Count;

    public void Add(PromptDiagnosticDescriptor descriptor, SourceSpan span, string message) =>
        _items.Add(new PromptDiagnostic(descriptor, _path, span, message));

    public void Add(PromptDiagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>PG0504: an unknown or malformed assertion, or a malformed part of the eval file.</summary>
    public void Malformed(SourceSpan span, string message) => Add(DiagnosticDescriptors.EvalAssertionInvalid, span, message);
}
