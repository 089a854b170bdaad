using PromptGen.Language.Text;

namespace PromptGen.Language.Templates;

/// <summary>Suggests the closest known name for a misspelt one.</summary>
internal static class DidYouMean
{
    /// <summary>The closest candidate within a third of the name's length (1 to 3 edits), or null.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates) =>
        Suggest(name, candidates, Math.Max(1, Math.Min(3, name.Length / 3)));

    /// <summary>The closest candidate at most <paramref name="maxDistance"/> edits away (case ignored, swaps count once), or null.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates, int maxDistance)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var lowered = name.ToLowerInvariant();
        foreach (var candidate in candidates)
        {
            var distance = EditDistance.Distance(lowered, candidate.ToLowerInvariant(), maxDistance, transpositions: true);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= maxDistance ? best : null;
    }

    public static string Hint(string name, IEnumerable<string> candidates) => HintFor(Suggest(name, candidates));

    /// <summary><c> Did you mean 'x'?</c> for a suggestion, or nothing.</summary>
    public static string HintFor(string? suggestion) => suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
}
