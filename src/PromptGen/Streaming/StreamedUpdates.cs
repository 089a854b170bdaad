using System.Buffers;
using Microsoft.Extensions.AI;

namespace PromptGen.Streaming;

/// <summary>
/// The updates of one streamed answer, kept for the final <see cref="ChatResponse"/>. A model streams thousands of
/// updates that are each a bit of plain text with the same metadata; joining those as they arrive (one text per run)
/// makes the final <c>ToChatResponse</c> cost the runs,
/// not the updates. Only updates it would merge into one text anyway are joined, so the response is the same.
/// </summary>
internal sealed class StreamedUpdates
{
    private readonly List<ChatResponseUpdate> _updates = new();

    /// <summary>
    /// The text of the open run so far, in a pooled buffer: nobody else sees it (the run becomes one new string when it
    /// closes), so the answer's text costs the garbage collector one string, not a builder's chunks as well.
    /// </summary>
    private char[]? _runText;

    private int _runTextLength;

    /// <summary>How many updates the last entry of <see cref="_updates"/> stands for (more than one: joined in <see cref="_runText"/>).</summary>
    private int _runLength;

    /// <summary>The metadata of the update that opened the run, for the quick check of the updates that follow it.</summary>
    private RunMetadata _run;

    /// <summary>Keeps <paramref name="update"/>, joining it to the run of plain text before it when it can.</summary>
    /// <returns>The update's text (as <see cref="ChatResponseUpdate.Text"/>), read once here for the caller.</returns>
    public string Add(ChatResponseUpdate update)
    {
        var text = PlainText(update);
        if (text is not null && _runLength > 0 && (_run.Matches(update) || SameMetadata(_updates[_updates.Count - 1], update)))
        {
            if (_runLength == 1)
            {
                _runTextLength = 0;
                AppendRunText(((TextContent)_updates[_updates.Count - 1].Contents[0]).Text);
            }

            AppendRunText(text);
            _runLength++;
            return text;
        }

        CloseRun();
        _updates.Add(update);
        _runLength = text is not null ? 1 : 0;
        _run = text is not null ? RunMetadata.Of(update) : default;
        return text ?? update.Text;
    }

    /// <summary>The response of all the updates, as <c>ToChatResponse</c> makes it.</summary>
    public ChatResponse ToChatResponse()
    {
        CloseRun();
        if (_runText is { } buffer)
        {
            // The answer has ended: the buffer goes back to the pool (a later update would rent another).
            _runText = null;
            ArrayPool<char>.Shared.Return(buffer);
        }

        return _updates.ToChatResponse();
    }

    private void AppendRunText(string text)
    {
        var buffer = _runText;
        if (buffer is null || buffer.Length - _runTextLength < text.Length)
        {
            buffer = Grow(text.Length);
        }

        var at = _runTextLength;
        if (text.Length <= 8)
        {
            // A token's few characters: a loop, not a call to the block copy (most updates are one token).
            for (var i = 0; i < text.Length; i++)
            {
                buffer[at + i] = text[i];
            }
        }
        else
        {
            text.CopyTo(0, buffer, at, text.Length);
        }

        _runTextLength = at + text.Length;
    }

    private char[] Grow(int more)
    {
        var old = _runText;
        var needed = _runTextLength + more;
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(needed, old is null ? 256 : old.Length * 2));
        if (old is not null)
        {
            Array.Copy(old, buffer, _runTextLength);
            ArrayPool<char>.Shared.Return(old);
        }

        _runText = buffer;
        return buffer;
    }

    /// <summary>Replaces the run's first update by one update with the run's whole text.</summary>
    private void CloseRun()
    {
        if (_runLength > 1)
        {
            var first = _updates[_updates.Count - 1];
            _updates[_updates.Count - 1] = new ChatResponseUpdate(first.Role, new string(_runText!, 0, _runTextLength))
            {
                AuthorName = first.AuthorName,
                MessageId = first.MessageId,
                ResponseId = first.ResponseId,
                ConversationId = first.ConversationId,
                CreatedAt = first.CreatedAt,
                ModelId = first.ModelId,
                FinishReason = first.FinishReason,
            };
        }

        _runLength = 0;
    }

    /// <summary>
    /// The text of an update that is one text and nothing else that the response keeps per update, else null:
    /// <c>ToChatResponse</c> joins such texts into one <see cref="TextContent"/> without their raw representations,
    /// keeping only the first one's additional properties (required to be none here).
    /// </summary>
    /// <remarks>
    /// Read for every update of a stream: the contents are read without interface calls when they are the usual list,
    /// and the exact type is checked before the content's properties.
    /// </remarks>
    private static string? PlainText(ChatResponseUpdate update)
    {
        if (update.AdditionalProperties is not null || update.ContinuationToken is not null)
        {
            return null;
        }

        var contents = update.Contents;
        var only = contents is List<AIContent> list
            ? (list.Count == 1 ? list[0] : null)
            : (contents.Count == 1 ? contents[0] : null);
        return only is not null && only.GetType() == typeof(TextContent) && only.AdditionalProperties is null &&
            ((TextContent)only).Annotations is null
            ? ((TextContent)only).Text
            : null;
    }

    /// <summary>True when the two updates belong to the same message and set the response's properties alike.</summary>
    /// <remarks>
    /// Checked for every update of a stream, so the usual case (the same string instances, no dates, no finish reason)
    /// is settled by reference and <c>HasValue</c> checks before any string comparison.
    /// </remarks>
    private static bool SameMetadata(ChatResponseUpdate a, ChatResponseUpdate b) =>
        SameText(a.MessageId, b.MessageId) &&
        SameText(a.ResponseId, b.ResponseId) &&
        SameText(a.ModelId, b.ModelId) &&
        SameText(a.ConversationId, b.ConversationId) &&
        SameText(a.AuthorName, b.AuthorName) &&
        SameRole(a.Role, b.Role) &&
        SameFinish(a.FinishReason, b.FinishReason) &&
        (a.CreatedAt.HasValue ? b.CreatedAt.HasValue && a.CreatedAt.GetValueOrDefault() == b.CreatedAt.GetValueOrDefault() : !b.CreatedAt.HasValue);

    /// <summary>
    /// The metadata of a run's first update as references, read once when the run opens. A model's updates usually carry
    /// the same instances and no date or finish reason: such an update matches by reference checks on its own fields
    /// alone (a match implies <see cref="SameMetadata"/>; no match leaves the decision to it). Measured: the full
    /// comparison with the run's update was about a tenth of the per-update machinery of a 1-token stream.
    /// </summary>
    private readonly struct RunMetadata
    {
        private readonly string? _messageId;
        private readonly string? _responseId;
        private readonly string? _modelId;
        private readonly string? _conversationId;
        private readonly string? _authorName;
        private readonly string? _role;

        // False when the run's update has a date or a finish reason (compared by value in SameMetadata).
        private readonly bool _checkable;

        private RunMetadata(ChatResponseUpdate update)
        {
            _messageId = update.MessageId;
            _responseId = update.ResponseId;
            _modelId = update.ModelId;
            _conversationId = update.ConversationId;
            _authorName = update.AuthorName;
            _role = update.Role?.Value;
            _checkable = !update.CreatedAt.HasValue && !update.FinishReason.HasValue;
        }

        public static RunMetadata Of(ChatResponseUpdate update) => new(update);

        // Non-short-circuit '&': the usual update passes every check, so one branch at the end beats one per field.
        public bool Matches(ChatResponseUpdate update) =>
            _checkable & ReferenceEquals(update.MessageId, _messageId) & ReferenceEquals(update.ResponseId, _responseId) &
            ReferenceEquals(update.ModelId, _modelId) & ReferenceEquals(update.ConversationId, _conversationId) &
            ReferenceEquals(update.AuthorName, _authorName) & !update.CreatedAt.HasValue & !update.FinishReason.HasValue &&
            (update.Role is { } role ? ReferenceEquals(role.Value, _role) : _role is null);
    }

    private static bool SameText(string? a, string? b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);

    private static bool SameRole(ChatRole? a, ChatRole? b) =>
        a.HasValue ? b.HasValue && (ReferenceEquals(a.GetValueOrDefault().Value, b.GetValueOrDefault().Value) || a.GetValueOrDefault() == b.GetValueOrDefault()) : !b.HasValue;

    private static bool SameFinish(ChatFinishReason? a, ChatFinishReason? b) =>
        a.HasValue ? b.HasValue && a.GetValueOrDefault() == b.GetValueOrDefault() : !b.HasValue;
}
