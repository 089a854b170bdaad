using System.Linq;

namespace PromptGen.Generator.Emit;

/// <summary>Writes XML documentation comments from schema and frontmatter descriptions.</summary>
internal static class XmlDoc
{
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static void Summary(IndentedWriter w, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        var lines = text!.Replace("\r\n", "\n").Trim().Split('\n').Select(l => l.TrimEnd()).ToArray();
        w.Line("/// <summary>");
        foreach (var line in lines) w.Line(line.Length == 0 ? "/// <para/>" : "/// " + Escape(line));
        w.Line("/// </summary>");
    }

    public static void Param(IndentedWriter w, string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        var oneLine = string.Join(" ", text!.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        w.Line($"/// <param name=\"{name.TrimStart('@')}\">{Escape(oneLine)}</param>");
    }
}
