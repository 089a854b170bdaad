using PromptGen.Evals.Security;

namespace PromptGen.Cli.Output;

/// <summary>
/// Shows a model's answer as it streams, scrubbed of secrets (<see cref="EvalSecrets"/>). A secret is only recognised
/// once enough of it has arrived (an <c>sk-</c> key needs 16 characters after the prefix, a registered key 8, a
/// <c>github_pat_</c> token 40), and what is shown cannot be taken back: the last <see cref="HoldBack"/> characters of
/// the scrubbed text wait until more text follows or the answer ends. The text is scrubbed again after a step that
/// grows with its length (an eighth of it, at least <see cref="MinimumStep"/> characters), so the passes over a long
/// answer add up to a few times its length.
/// </summary>
internal sealed class ScrubbedStream
{
    /// <summary>Characters kept back: more than any credential shape needs before it is recognised (51 at most).</summary>
    internal const int HoldBack = 64;

    /// <summary>The fewest new characters that make the text worth scrubbing again.</summary>
    internal const int MinimumStep = 16;

    private readonly TextWriter _terminal;
    private int _shown;
    private int _scrubbedAtLength;

    public ScrubbedStream(TextWriter terminal) => _terminal = terminal;

    /// <summary>The whole answer so far (each update extends the one before).</summary>
    public void Update(string text)
    {
        if (text.Length - _scrubbedAtLength < Math.Max(MinimumStep, _scrubbedAtLength / 8)) return;
        _scrubbedAtLength = text.Length;
        var scrubbed = EvalSecrets.Scrub(text);
        Show(scrubbed, scrubbed.Length - HoldBack);
    }

    /// <summary>The whole answer, ended: what was kept back is shown. Returns whether anything was shown at all.</summary>
    public bool Complete(string text)
    {
        var scrubbed = EvalSecrets.Scrub(text);
        Show(scrubbed, scrubbed.Length);
        return _shown > 0;
    }

    private void Show(string scrubbed, int upTo)
    {
        if (upTo <= _shown) return;
        _terminal.Write(scrubbed.AsSpan(_shown, upTo - _shown));
        _terminal.Flush();
        _shown = upTo;
    }
}
