namespace PromptGen.Generator.Emit;

/// <summary>Writes XML documentation comments from schema and frontmatter descriptions.</summary>
internal static class XmlDoc
{
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>
    /// <see cref="Escape"/> for a one-line delimited doc comment (<c>/** ... */</c>): a <c>*/</c> or a line break in the
    /// text would end the comment or the line, so they are written as character references.
    /// </summary>
    public static string EscapeDelimited(string text) =>
        Escape(text).Replace("*/", "*&#47;").Replace("\r", "&#13;").Replace("\n", "&#10;");

    /// <summary>A <c>summary</c>: on one line when the text is one line, else one comment line per text line.</summary>
    public static void Summary(IndentedWriter w, string? text) => Element(w, "summary", text);

    /// <summary>A <c>remarks</c>, laid out like <see cref="Summary"/>.</summary>
    public static void Remarks(IndentedWriter w, string? text) => Element(w, "remarks", text);

    private static void Element(IndentedWriter w, string element, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        // Most descriptions are one line: that one needs no splitting.
        if (text!.IndexOf('\n') < 0)
        {
            w.Line($"/// <{element}>{Escape(text.Trim())}</{element}>");
            return;
        }

        var lines = text.Replace("\r\n", "\n").Trim().Split('\n').Select(l => l.TrimEnd()).ToArray();
        if (lines.Length == 1)
        {
            w.Line($"/// <{element}>{Escape(lines[0])}</{element}>");
            return;
        }

        w.Line($"/// <{element}>");
        foreach (var line in lines) w.Line(line.Length == 0 ? "/// <para/>" : "/// " + Escape(line));
        w.Line($"/// </{element}>");
    }

    /// <summary>A <c>param</c> from a description, followed by the parameter's default when it has one.</summary>
    public static void Param(IndentedWriter w, string name, string? text, string? defaultValue = null)
    {
        var oneLine = string.IsNullOrWhiteSpace(text) ? string.Empty
            : text!.IndexOf('\n') < 0 ? Escape(text.Trim())
            : Escape(string.Join(" ", text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)));
        if (defaultValue is not null)
        {
            oneLine += (oneLine.Length == 0 ? string.Empty : oneLine.EndsWith(".") ? " " : ". ") + $"Default: <c>{Escape(defaultValue)}</c>.";
        }

        if (oneLine.Length == 0) return;
        w.Line($"/// <param name=\"{name.TrimStart('@')}\">{oneLine}</param>");
    }
}
