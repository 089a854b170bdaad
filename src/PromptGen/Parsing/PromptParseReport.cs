namespace PromptGen;

/// <summary>How clean a model output was: every repair applied, and the error when parsing failed.</summary>
public sealed class PromptParseReport
{
    private static readonly PromptRepair[] NoRepairs = Array.Empty<PromptRepair>();

    public PromptParseReport(IReadOnlyList<PromptRepair>? repairs, string? error = null, string? errorPath = null)
    {
        Repairs = repairs ?? NoRepairs;
        Error = error;
        ErrorPath = errorPath;
    }

    /// <summary>A report for output that needed nothing.</summary>
    public static PromptParseReport Clean { get; } = new(NoRepairs);

    public IReadOnlyList<PromptRepair> Repairs { get; }

    /// <summary>Why parsing failed; null on success.</summary>
    public string? Error { get; }

    /// <summary>JSON path where parsing failed, when known.</summary>
    public string? ErrorPath { get; }

    public bool Succeeded => Error is null;

    /// <summary>True when parsing succeeded with no repair beyond benign normalization.</summary>
    public bool IsClean
    {
        get
        {
            if (Error is not null)
            {
                return false;
            }

            foreach (var repair in Repairs)
            {
                if (!repair.IsBenign)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>True when a repair of this kind was applied.</summary>
    public bool Has(PromptRepairKind kind)
    {
        foreach (var repair in Repairs)
        {
            if (repair.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        if (Error is not null)
        {
            builder.Append("failed: ").Append(Error);
        }
        else
        {
            builder.Append(IsClean ? "clean" : "repaired");
        }

        if (Repairs.Count > 0)
        {
            builder.Append(" (").Append(Repairs.Count).Append(Repairs.Count == 1 ? " repair)" : " repairs)");
            foreach (var repair in Repairs)
            {
                builder.AppendLine().Append("  - ").Append(repair);
            }
        }

        return builder.ToString();
    }
}
