using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace PromptGen.Evals.Sharding;

/// <summary>
/// One shard of a sharded eval run: shard <see cref="Index"/> of <see cref="Count"/> (1-based, written <c>i/n</c>).
/// <para>A case belongs to a shard by a fixed hash of its suite path and case id, so adding or removing a case never
/// moves another, and every process on every machine agrees: the first 8 bytes of SHA-256 over the UTF-8 bytes of
/// <c>suitePath + "\0" + caseId</c>, read as a big-endian unsigned integer, modulo <see cref="Count"/>, plus 1. The
/// suite path is the eval file's path relative to the project folder, with <c>/</c> separators.</para>
/// </summary>
public sealed record EvalShard
{
    /// <summary>The most shards a run may be split into.</summary>
    public const int MaxCount = 10_000;

    /// <summary>Creates shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 1 ≤ index ≤ count ≤ <see cref="MaxCount"/>.</exception>
    public EvalShard(int index, int count)
    {
        if (count < 1 || count > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"The shard count must be between 1 and {MaxCount}.");
        if (index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The shard index must be between 1 and {count}.");
        Index = index;
        Count = count;
    }

    /// <summary>This shard's number, from 1.</summary>
    public int Index { get; }

    /// <summary>How many shards the run is split into.</summary>
    public int Count { get; }

    /// <summary>Reads <c>i/n</c> (e.g. <c>2/8</c>).</summary>
    /// <exception cref="FormatException">Not of the form <c>i/n</c> with 1 ≤ i ≤ n ≤ <see cref="MaxCount"/>.</exception>
    public static EvalShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/');
        if (slash > 0
            && int.TryParse(text.Substring(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && count <= MaxCount && index >= 1 && index <= count)
        {
            return new EvalShard(index, count);
        }

        throw new FormatException($"'{text}' is not a shard: write i/n with 1 <= i <= n <= {MaxCount}, e.g. 2/8.");
    }

    /// <summary>The shard (1 to <paramref name="count"/>) that case <paramref name="caseId"/> of suite <paramref name="suitePath"/> belongs to.</summary>
    public static int Assign(string suitePath, string caseId, int count)
    {
        ArgumentNullException.ThrowIfNull(suitePath);
        ArgumentNullException.ThrowIfNull(caseId);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The shard count must be at least 1.");
        var bytes = Encoding.UTF8.GetBytes(suitePath + "\0" + caseId);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(bytes);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    /// <summary>The suite path of an eval file: its path relative to <paramref name="projectDirectory"/>, with <c>/</c> separators.</summary>
    public static string SuitePathOf(string projectDirectory, string evalFile) =>
        Path.GetRelativePath(Path.GetFullPath(projectDirectory), Path.GetFullPath(evalFile)).Replace('\\', '/');

    /// <summary>Whether case <paramref name="caseId"/> of suite <paramref name="suitePath"/> belongs to this shard.</summary>
    public bool Contains(string suitePath, string caseId) => Assign(suitePath, caseId, Count) == Index;

    /// <inheritdoc />
    public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);
}
