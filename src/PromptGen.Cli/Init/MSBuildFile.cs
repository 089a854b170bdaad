using System.Xml;
using PromptGen.Language.Text;

namespace PromptGen.Cli.Init;

/// <summary>
/// An MSBuild file (<c>.csproj</c>, <c>Directory.Packages.props</c>) read with a real XML parser, and edited by
/// splicing new text in at positions the parser reported: everything else in the file — comments, indentation,
/// attribute quoting, empty-element style, line ends, a byte order mark — stays exactly as it was.
/// </summary>
internal sealed class MSBuildFile
{
    private readonly LineMap _lines;
    private readonly List<ItemGroupInfo> _itemGroups = new();
    private readonly Dictionary<string, string> _properties = new(StringComparer.OrdinalIgnoreCase);
    private int _rootStart;
    private int _rootEndTag = -1;
    private int _firstChildStart = -1;

    private MSBuildFile(TextFile file)
    {
        File = file;
        _lines = new LineMap(file.Text);
    }

    public TextFile File { get; }

    /// <summary>The <c>Sdk</c> attribute of the <c>Project</c> element and of <c>&lt;Sdk&gt;</c>/<c>&lt;Import Sdk&gt;</c> elements.</summary>
    public List<string> Sdks { get; } = new();

    /// <summary>Every item at the top level of an <c>ItemGroup</c>.</summary>
    public List<ItemInfo> Items { get; } = new();

    /// <summary>Reads and parses a file.</summary>
    /// <exception cref="InitException">The file is not well-formed XML or not an MSBuild project.</exception>
    public static MSBuildFile Load(string path) => Parse(TextFile.Read(path));

    /// <exception cref="InitException">The file is not well-formed XML or not an MSBuild project.</exception>
    public static MSBuildFile Parse(TextFile file)
    {
        var result = new MSBuildFile(file);
        try
        {
            result.Scan();
        }
        catch (XmlException exception)
        {
            throw new InitException($"{file.Path}({exception.LineNumber},{exception.LinePosition}): the file is not well-formed XML: {StripPosition(exception.Message)}");
        }

        return result;
    }

    /// <summary>The last value a top-level <c>PropertyGroup</c> gives a property, or <c>null</c>.</summary>
    public string? Property(string name) => _properties.TryGetValue(name, out var value) ? value : null;

    public ItemInfo? FindItem(string itemType, string include) =>
        Items.LastOrDefault(i => string.Equals(i.Type, itemType, StringComparison.OrdinalIgnoreCase) &&
                                 string.Equals(i.Include?.Trim(), include, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The file's text with one more item: appended to the last unconditioned <c>ItemGroup</c> that already holds items
    /// of <paramref name="itemType"/>, else in a new <c>ItemGroup</c> at the end of the project; indented like its neighbours.
    /// </summary>
    public string WithItem(string itemType, string include, string? version)
    {
        var element = new StringBuilder("<").Append(itemType).Append(" Include=\"").Append(Escape(include)).Append('"');
        if (version is not null) element.Append(" Version=\"").Append(Escape(version)).Append('"');
        element.Append(" />");
        var newLine = File.NewLine;
        var text = File.Text;

        var group = _itemGroups.LastOrDefault(g => !g.HasCondition && g.EndTag >= 0 && g.ItemTypes.Contains(itemType));
        if (group is not null)
        {
            var lastItem = Items.Last(i => i.Group == group && string.Equals(i.Type, itemType, StringComparison.OrdinalIgnoreCase));
            var indent = LeadingWhitespace(lastItem.Start) ?? ChildIndent() + IndentUnit();
            return LineStartIfAlone(group.EndTag) is int lineStart
                ? text.Insert(lineStart, indent + element + newLine)
                : text.Insert(group.EndTag, element.ToString());
        }

        var childIndent = ChildIndent();
        var newGroup = childIndent + "<ItemGroup>" + newLine + childIndent + IndentUnit() + element + newLine + childIndent + "</ItemGroup>" + newLine;
        if (_rootEndTag < 0)
        {
            // <Project ... /> has no end tag: close the start tag, add the group and the end tag.
            var close = SelfClosingEnd(_rootStart);
            var start = close;
            while (start > 0 && char.IsWhiteSpace(text[start - 1])) start--;
            return text.Substring(0, start) + ">" + newLine + newGroup + "</Project>" + text.Substring(close + 2);
        }

        if (LineStartIfAlone(_rootEndTag) is int rootLineStart)
        {
            // A blank line before the new group when the project already has content, as SDK-style projects are laid out.
            var separator = _firstChildStart >= 0 && !PreviousLineIsBlank(rootLineStart) ? newLine : string.Empty;
            return text.Insert(rootLineStart, separator + newGroup);
        }

        return text.Insert(_rootEndTag, newLine + newGroup);
    }

    /// <summary>Checks that an edited text is still well-formed (a guard against a wrong splice).</summary>
    public static void EnsureWellFormed(string path, string text)
    {
        try
        {
            Parse(TextFile.FromText(path, text, hasBom: false));
        }
        catch (InitException exception)
        {
            throw new InvalidOperationException("promptgen init produced malformed XML: " + exception.Message);
        }
    }

    private void Scan()
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        using var reader = XmlReader.Create(new StringReader(File.Text), settings);
        var lineInfo = (IXmlLineInfo)reader;
        ItemGroupInfo? group = null;
        var inPropertyGroup = false;
        string? property = null;
        var propertyValue = new StringBuilder();
        ItemInfo? item = null;
        string? itemChild = null;
        var rootSeen = false;

        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                {
                    var start = Offset(lineInfo.LineNumber, lineInfo.LinePosition) - 1;
                    var name = reader.LocalName;
                    if (reader.Depth == 0)
                    {
                        if (name != "Project")
                        {
                            throw new InitException($"{File.Path}({lineInfo.LineNumber},{lineInfo.LinePosition}): not an MSBuild project: the root element is <{name}>, not <Project>");
                        }

                        rootSeen = true;
                        _rootStart = start;
                        AddSdk(reader.GetAttribute("Sdk"));
                        if (reader.IsEmptyElement) _rootEndTag = -1;
                    }
                    else if (reader.Depth == 1)
                    {
                        if (_firstChildStart < 0) _firstChildStart = start;
                        if (name == "Sdk") AddSdk(reader.GetAttribute("Name"));
                        if (name == "Import") AddSdk(reader.GetAttribute("Sdk"));
                        if (name == "ItemGroup")
                        {
                            group = new ItemGroupInfo(reader.GetAttribute("Condition") is { Length: > 0 });
                            _itemGroups.Add(group);
                            if (reader.IsEmptyElement) group = null;
                        }

                        inPropertyGroup = name == "PropertyGroup" && !reader.IsEmptyElement && reader.GetAttribute("Condition") is null;
                    }
                    else if (reader.Depth == 2 && group is not null)
                    {
                        item = new ItemInfo(name, reader.GetAttribute("Include"), reader.GetAttribute("Version"), start, group);
                        Items.Add(item);
                        group.ItemTypes.Add(name);
                        if (reader.IsEmptyElement) item = null;
                    }
                    else if (reader.Depth == 2 && inPropertyGroup && !reader.IsEmptyElement)
                    {
                        property = name;
                        propertyValue.Clear();
                    }
                    else if (reader.Depth == 3 && item is not null && name == "Version" && !reader.IsEmptyElement)
                    {
                        itemChild = name;
                    }

                    break;
                }

                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    if (property is not null && reader.Depth == 3) propertyValue.Append(reader.Value);
                    if (itemChild is not null && item is not null && reader.Depth == 4) item.Version = (item.Version ?? string.Empty) + reader.Value;
                    break;

                case XmlNodeType.EndElement:
                {
                    var endTag = Offset(lineInfo.LineNumber, lineInfo.LinePosition) - 2;
                    if (reader.Depth == 0) _rootEndTag = endTag;
                    else if (reader.Depth == 1 && group is not null && reader.LocalName == "ItemGroup")
                    {
                        group.EndTag = endTag;
                        group = null;
                    }
                    else if (reader.Depth == 1) inPropertyGroup = false;
                    else if (reader.Depth == 2 && property is not null)
                    {
                        _properties[property] = propertyValue.ToString().Trim();
                        property = null;
                    }
                    else if (reader.Depth == 2) item = null;
                    else if (reader.Depth == 3) itemChild = null;

                    break;
                }
            }
        }

        if (!rootSeen) throw new InitException($"{File.Path}: not an MSBuild project: no <Project> element");
    }

    private void AddSdk(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        // Sdk="A/1.0;B" names several SDKs, each optionally with a version.
        foreach (var sdk in value!.Split(';'))
        {
            var name = sdk.Split('/')[0].Trim();
            if (name.Length > 0) Sdks.Add(name);
        }
    }

    private string ChildIndent() =>
        (_firstChildStart >= 0 ? LeadingWhitespace(_firstChildStart) : null) ?? "  ";

    /// <summary>One level of indentation: the project's own (a tab, two or four spaces), else two spaces.</summary>
    private string IndentUnit()
    {
        var child = ChildIndent();
        return child.Length == 0 ? "  " : child;
    }

    /// <summary>The whitespace before <paramref name="offset"/> on its line, or <c>null</c> when other text precedes it.</summary>
    private string? LeadingWhitespace(int offset)
    {
        var lineStart = LineStartOf(offset);
        var prefix = File.Text.Substring(lineStart, offset - lineStart);
        return prefix.All(c => c is ' ' or '\t') ? prefix : null;
    }

    private int? LineStartIfAlone(int offset) => LeadingWhitespace(offset) is null ? null : LineStartOf(offset);

    private bool PreviousLineIsBlank(int lineStart)
    {
        _lines.GetPosition(lineStart, out var line, out _);
        if (line <= 1) return true;
        var previousStart = _lines.GetLineStart(line - 1);
        return File.Text.Substring(previousStart, lineStart - previousStart).Trim().Length == 0;
    }

    private int LineStartOf(int offset)
    {
        _lines.GetPosition(offset, out var line, out _);
        return _lines.GetLineStart(line);
    }

    /// <summary>The offset of the <c>/&gt;</c> that ends the empty element starting at <paramref name="start"/>.</summary>
    private int SelfClosingEnd(int start)
    {
        var text = File.Text;
        char? quote = null;
        for (var i = start; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '/' && text[i + 1] == '>')
            {
                return i;
            }
        }

        throw new InvalidOperationException("The empty element has no '/>'.");
    }

    /// <summary>The offset of a 1-based line and column as <see cref="XmlReader"/> reports them.</summary>
    private int Offset(int line, int column) => _lines.GetLineStart(line) + column - 1;

    private static string Escape(string value) =>
        value.Replace("&", "&amp;").Replace("<", "&lt;").Replace("\"", "&quot;");

    private static string StripPosition(string message)
    {
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 ? message.Substring(0, at).TrimEnd() : message;
    }

    /// <summary>An item group at the top level of the project.</summary>
    internal sealed class ItemGroupInfo
    {
        public ItemGroupInfo(bool hasCondition) => HasCondition = hasCondition;

        public bool HasCondition { get; }

        /// <summary>Offset of the <c>&lt;/ItemGroup&gt;</c> tag; -1 for an empty element.</summary>
        public int EndTag { get; set; } = -1;

        public HashSet<string> ItemTypes { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An item: its type (element name), <c>Include</c>, <c>Version</c> and where it starts.</summary>
    internal sealed class ItemInfo(string type, string? include, string? version, int start, ItemGroupInfo group)
    {
        public string Type { get; } = type;

        public string? Include { get; } = include;

        public string? Version { get; set; } = version;

        public int Start { get; } = start;

        public ItemGroupInfo Group { get; } = group;
    }
}
