using System.Collections.Generic;
using System.Text;

namespace PromptGen.Language.Rendering;

internal enum MarkerKind
{
    Role,
    History,
    Media,
    Section,
}

/// <summary>
/// A structural marker emitted by a Dotprompt helper. It is kept apart from text so that interpolated input can
/// never forge one; <see cref="ReferenceText"/> is the string the reference runtime would have produced.
/// </summary>
internal sealed class DotpromptMarker
{
    public DotpromptMarker(MarkerKind kind, string body)
    {
        Kind = kind;
        Body = body;
    }

    public MarkerKind Kind { get; }

    /// <summary>The marker without its brackets, e.g. <c>role:user</c> or <c>media:url https://x image/png</c>.</summary>
    public string Body { get; }

    public string ReferenceText => "<<<dotprompt:" + Body + ">>>";

    private string? _roleName;

    /// <summary>For a role marker, the role's name (<see cref="Body"/> without <c>role:</c>); computed once.</summary>
    public string RoleName => _roleName ??= Body.Substring("role:".Length);
}

/// <summary>Rendered output: text runs and markers, in order.</summary>
internal sealed class RenderOutput
{
    private readonly List<object> _items = new();

    public static readonly RenderOutput Empty = new();

    /// <summary>Each item is a <see cref="StringBuilder"/> (text) or a <see cref="DotpromptMarker"/>.</summary>
    public IReadOnlyList<object> Items => _items;

    public bool IsEmpty
    {
        get
        {
            foreach (var item in _items)
            {
                if (item is DotpromptMarker || ((StringBuilder)item).Length > 0) return false;
            }

            return true;
        }
    }

    public void Append(string text)
    {
        if (string.IsNullOrEmpty(text)) return;
        if (_items.Count > 0 && _items[_items.Count - 1] is StringBuilder builder) builder.Append(text);
        else _items.Add(new StringBuilder(text));
    }

    public void Append(DotpromptMarker marker) => _items.Add(marker);

    public void Append(RenderOutput other)
    {
        if (ReferenceEquals(other, this)) return;
        foreach (var item in other._items)
        {
            if (item is StringBuilder text) Append(text.ToString());
            else Append((DotpromptMarker)item);
        }
    }

    /// <summary>The output as the reference runtime's string, markers included as text.</summary>
    public string ToReferenceText()
    {
        var builder = new StringBuilder();
        foreach (var item in _items)
        {
            if (item is StringBuilder text) builder.Append(text);
            else builder.Append(((DotpromptMarker)item).ReferenceText);
        }

        return builder.ToString();
    }

    /// <summary>Handlebars' indentation of a standalone partial: every line that has content gets the indent, except an empty last line.</summary>
    public RenderOutput Indent(string indent)
    {
        var result = new RenderOutput();
        var pending = true;
        foreach (var item in _items)
        {
            if (item is DotpromptMarker marker)
            {
                if (pending) result.Append(indent);
                pending = false;
                result.Append(marker);
                continue;
            }

            var text = item.ToString() ?? string.Empty;
            var builder = new StringBuilder(text.Length + indent.Length);
            foreach (var c in text)
            {
                if (pending) builder.Append(indent);
                pending = false;
                builder.Append(c);
                if (c == '\n') pending = true;
            }

            result.Append(builder.ToString());
        }

        return result;
    }
}

/// <summary>A Handlebars <c>SafeString</c>: what helpers such as <c>json</c> and <c>role</c> return.</summary>
internal sealed class SafeMarkup
{
    public SafeMarkup(RenderOutput content) => Content = content;

    public RenderOutput Content { get; }
}
