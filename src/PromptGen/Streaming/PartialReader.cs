using System.ComponentModel;

namespace PromptGen.Streaming;

/// <summary>
/// Projects a streamed JSON answer onto a generated partial value: what generated <c>StreamAsync</c> bodies pass to
/// <see cref="PromptStreamRunner"/>. A record output's is a <see cref="PartialRecordReader{T}"/>; any other output's a
/// <see cref="PartialValueReader{TPartial}"/>.
/// </summary>
/// <typeparam name="TPartial">The generated partial value.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PartialReader<TPartial>
    where TPartial : class
{
    private protected PartialReader()
    {
    }

    /// <summary>The builder of one stream's partial values.</summary>
    internal abstract PartialBuilder<TPartial> CreateBuilder();
}

/// <summary>
/// The reader of a partial value that is not a record (a list, a map, a scalar): a generated projection of the streamed
/// root value, whose results are compared with the previous one to tell a change.
/// </summary>
/// <typeparam name="TPartial">The generated partial value.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PartialValueReader<TPartial> : PartialReader<TPartial>
    where TPartial : class
{
    private readonly Func<StreamingNode, TPartial?> _project;

    /// <summary>Creates the reader over a generated projection.</summary>
    /// <param name="project">Projects the streamed root value onto the partial type.</param>
    public PartialValueReader(Func<StreamingNode, TPartial?> project) =>
        _project = project ?? throw new ArgumentNullException(nameof(project));

    internal override PartialBuilder<TPartial> CreateBuilder() => new JsonPartialBuilder<TPartial>(_project);
}

/// <summary>The reader of a text answer: each partial value is the text so far.</summary>
internal sealed class TextPartialReader : PartialReader<string>
{
    /// <summary>The one instance (the reader keeps no state; each stream gets its own builder).</summary>
    public static readonly TextPartialReader Instance = new();

    internal override PartialBuilder<string> CreateBuilder() => new TextPartialBuilder();
}
