namespace PromptGen.Generator.Models;

/// <summary>
/// A partial: an additional file named <c>_name.prompt</c>, referenced from templates as <c>{{&gt; name}}</c>.
/// <see cref="References"/> are the partials its own template includes, so a prompt can depend on exactly the
/// partials it reaches.
/// </summary>
internal sealed record PartialSource(string Name, string Path, string Text, EquatableArray<string> References);

/// <summary>Every partial of the project, one per name (the first path in ordinal order wins), sorted by name.</summary>
internal sealed record PartialSourceSet(EquatableArray<PartialSource> Partials)
{
    public static readonly PartialSourceSet Empty = new(EquatableArray<PartialSource>.Empty);

    public static PartialSourceSet From(IEnumerable<PartialSource> partials)
    {
        var byName = new Dictionary<string, PartialSource>(StringComparer.Ordinal);
        foreach (var partial in partials.OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            if (!byName.ContainsKey(partial.Name)) byName[partial.Name] = partial;
        }

        return new PartialSourceSet(byName.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToEquatableArray());
    }

    /// <summary>
    /// The partials reachable from <paramref name="roots"/> (directly or through other partials), sorted by name.
    /// A prompt depends on these only, so editing an unrelated partial leaves its later steps cached.
    /// </summary>
    public EquatableArray<PartialSource> Closure(IEnumerable<string> roots)
    {
        var byName = Partials.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var reached = new SortedDictionary<string, PartialSource>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (reached.ContainsKey(name) || !byName.TryGetValue(name, out var partial)) continue;
            reached[name] = partial;
            foreach (var reference in partial.References) pending.Push(reference);
        }

        return reached.Values.ToEquatableArray();
    }
}
