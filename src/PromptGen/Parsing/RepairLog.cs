namespace PromptGen;

/// <summary>Collects repairs and errors for one candidate payload, with the JSON path of the value being read.</summary>
internal sealed class RepairLog
{
    /// <summary>Cost of one error: any error outweighs any plausible amount of repairs.</summary>
    public const int ErrorCost = 100_000;

    /// <summary>Beyond this many repairs of one kind only the cost is counted (huge broken outputs stay cheap).</summary>
    private const int MaxRecordedPerKind = 100;

    // A log whose lists grew past this is dropped rather than reused (see IsOversized).
    private const int MaxKeptRepairs = 4096;

    private readonly List<PathSegment> _path = new();
    private int[]? _countByKind;

    public List<PromptRepair> Repairs { get; } = new();

    /// <summary>Weighted sum of repairs and errors; lower fits better.</summary>
    public long Cost { get; private set; }

    public int ErrorCount { get; private set; }

    public string? FirstError { get; private set; }

    public string? FirstErrorPath { get; private set; }

    /// <summary>Whether a huge broken output grew the lists so much that the log should not be kept for reuse.</summary>
    public bool IsOversized => Repairs.Capacity > MaxKeptRepairs || _path.Capacity > MaxKeptRepairs;

    /// <summary>Empties the log for the next attempt (the lists keep their capacity).</summary>
    public void Reset()
    {
        Repairs.Clear();
        _path.Clear();
        _countByKind = null;
        Cost = 0;
        ErrorCount = 0;
        FirstError = null;
        FirstErrorPath = null;
    }

    /// <summary>The repairs recorded, copied out of the reused log for a report.</summary>
    public PromptRepair[]? CopyRepairs() => Repairs.Count == 0 ? null : Repairs.ToArray();

    public void Push(string name) => _path.Add(new PathSegment(name, -1));

    public void Push(int index) => _path.Add(new PathSegment(null, index));

    public void Pop() => _path.RemoveAt(_path.Count - 1);

    /// <summary>Records a repair with a fixed message.</summary>
    public void Add(PromptRepairKind kind, int start, int length, string message) =>
        Add(kind, start, length, RepairMessages.Literal, message, null);

    /// <summary>Records a repair whose message is formatted from the arguments only if someone reads it.</summary>
    public void Add(PromptRepairKind kind, int start, int length, Func<object?, object?, string> format, object? first, object? second = null)
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

        Repairs.Add(new PromptRepair(kind, JsonPathText.Snapshot(_path), start, length, format, first, second));
    }

    public void AddAt(PromptRepairKind kind, string path, int start, int length, string message)
    {
        Cost += CostOf(kind);
        Repairs.Add(new PromptRepair(kind, path, start, length, message));
    }

    public void Fail(string message) => Fail(RepairMessages.Literal, message, null);

    /// <summary>Records an error; only the first one's message is ever formatted.</summary>
    public void Fail(Func<object?, object?, string> format, object? first, object? second = null)
    {
        Cost += ErrorCost;
        ErrorCount++;
        if (FirstError is null)
        {
            FirstErrorPath = RenderPath();
            FirstError = FirstErrorPath + ": " + format(first, second);
        }
    }

    public string RenderPath() => JsonPathText.Render(_path, _path.Count);

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
}
