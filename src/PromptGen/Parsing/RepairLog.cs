using System.Collections.Generic;
using System.Text;

namespace PromptGen;

/// <summary>Collects repairs and errors for one candidate payload, with the JSON path of the value being read.</summary>
internal sealed class RepairLog
{
    /// <summary>Cost of one error: any error outweighs any plausible amount of repairs.</summary>
    public const int ErrorCost = 100_000;

    /// <summary>Beyond this many repairs of one kind only the cost is counted (huge broken outputs stay cheap).</summary>
    private const int MaxRecordedPerKind = 100;

    private readonly List<PathSegment> _path = new();
    private int[]? _countByKind;

    public List<PromptRepair> Repairs { get; } = new();

    /// <summary>Weighted sum of repairs and errors; lower fits better.</summary>
    public long Cost { get; private set; }

    public int ErrorCount { get; private set; }

    public string? FirstError { get; private set; }

    public string? FirstErrorPath { get; private set; }

    public void Push(string name) => _path.Add(new PathSegment(name, -1));

    public void Push(int index) => _path.Add(new PathSegment(null, index));

    public void Pop() => _path.RemoveAt(_path.Count - 1);

    public void Add(PromptRepairKind kind, int start, int length, string message)
    {
        Cost += CostOf(kind);
        if (Repairs.Count >= MaxRecordedPerKind)
        {
            // Only huge broken outputs get here: from now on keep at most MaxRecordedPerKind of each kind.
            if (_countByKind is null)
            {
                _countByKind = new int[64];
                foreach (var recorded in Repairs)
                {
                    _countByKind[(int)recorded.Kind]++;
                }
            }

            if (++_countByKind[(int)kind] > MaxRecordedPerKind)
            {
                return;
            }
        }

        Repairs.Add(new PromptRepair(kind, RenderPath(), start, length, message));
    }

    public void AddAt(PromptRepairKind kind, string path, int start, int length, string message)
    {
        Cost += CostOf(kind);
        Repairs.Add(new PromptRepair(kind, path, start, length, message));
    }

    public void Fail(string message)
    {
        Cost += ErrorCost;
        ErrorCount++;
        if (FirstError is null)
        {
            FirstErrorPath = RenderPath();
            FirstError = FirstErrorPath + ": " + message;
        }
    }

    public string RenderPath()
    {
        if (_path.Count == 0)
        {
            return "$";
        }

        var builder = new StringBuilder("$");
        foreach (var segment in _path)
        {
            if (segment.Name is null)
            {
                builder.Append('[').Append(segment.Index).Append(']');
            }
            else if (IsIdentifier(segment.Name))
            {
                builder.Append('.').Append(segment.Name);
            }
            else
            {
                builder.Append("['").Append(segment.Name.Replace("\\", "\\\\").Replace("'", "\\'")).Append("']");
            }
        }

        return builder.ToString();
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '$'))
            {
                return false;
            }
        }

        return true;
    }

    private static int CostOf(PromptRepairKind kind) => kind switch
    {
        PromptRepairKind.PickedCandidate => 0,
        PromptRepairKind.MissingComma => 2,
        PromptRepairKind.MissingColon => 3,
        PromptRepairKind.UnquotedValue => 2,
        PromptRepairKind.EscapedQuoteInString => 2,
        PromptRepairKind.ClosedTruncated => 5,
        PromptRepairKind.SkippedCharacters => 4,
        PromptRepairKind.NumberWithSeparators => 2,
        PromptRepairKind.StringFromScalar => 2,
        PromptRepairKind.EnumFromPrefixOrWord => 3,
        PromptRepairKind.SingleValueToList => 2,
        PromptRepairKind.ListToSingleValue => 2,
        PromptRepairKind.UnwrappedDataWrapper => 2,
        PromptRepairKind.DroppedUnknownProperty => 2,
        PromptRepairKind.DuplicateProperty => 2,
        _ => 1,
    };

    private readonly struct PathSegment
    {
        public PathSegment(string? name, int index)
        {
            Name = name;
            Index = index;
        }

        public string? Name { get; }

        public int Index { get; }
    }
}
