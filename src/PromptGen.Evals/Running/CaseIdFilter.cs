using System.Text.RegularExpressions;

namespace PromptGen.Evals.Running;

/// <summary>Selects cases by id: globs with <c>*</c> and <c>?</c>, several separated by <c>;</c> or <c>,</c>, case-sensitive.</summary>
public sealed class CaseIdFilter
{
    private readonly Regex[] _patterns;

    private CaseIdFilter(Regex[] patterns) => _patterns = patterns;

    public static CaseIdFilter All { get; } = new(Array.Empty<Regex>());

    public static CaseIdFilter Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return All;
        var patterns = filter!.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Select(p => new Regex(
                "^" + Regex.Escape(p).Replace("\\*", ".*").Replace("\\?", ".") + "$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline,
                TimeSpan.FromSeconds(1)))
            .ToArray();
        return new CaseIdFilter(patterns);
    }

    public bool IsAll => _patterns.Length == 0;

    public bool Matches(string caseId) => _patterns.Length == 0 || _patterns.Any(p => p.IsMatch(caseId));
}
