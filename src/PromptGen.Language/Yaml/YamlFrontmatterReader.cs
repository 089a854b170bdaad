using PromptGen.Language.Diagnostics;
using PromptGen.Language.Text;
using PromptGen.Language.Values;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PromptGen.Language.Yaml;

/// <summary>
/// Reads YAML (a <c>.prompt</c> file's frontmatter) into <see cref="YamlSourceNode"/> trees whose spans are positions in
/// the whole file. Builds from parser events with an explicit stack, so deep input cannot overflow the call stack, and
/// refuses alias bombs and absurd nesting. Never throws on malformed input. Typical frontmatter is scanned by
/// <see cref="SimpleYamlScanner"/>, which is far cheaper than YamlDotNet's general scanner and parser; whatever it does
/// not recognise, and whatever would carry a diagnostic, is read by YamlDotNet's parser. Both feed the same tree builder.
/// </summary>
public static class YamlFrontmatterReader
{
    /// <summary>Deepest nesting of mappings and sequences accepted.</summary>
    public const int MaxDepth = 100;

    /// <summary>How many nodes aliases may add once expanded (protects against "billion laughs").</summary>
    public const long MaxAliasExpansion = 100_000;

    /// <summary>Reads <c>fileText[start..start+length)</c> as one YAML document.</summary>
    /// <param name="fileText">The whole file, so spans can be file positions.</param>
    /// <param name="start">Offset of the YAML text in <paramref name="fileText"/>.</param>
    /// <param name="length">Length of the YAML text.</param>
    /// <param name="lines">Line map of <paramref name="fileText"/>.</param>
    /// <param name="path">File path used in diagnostics.</param>
    public static YamlReadResult Read(string fileText, int start, int length, LineMap lines, string path) =>
        Read(fileText, start, length, lines, path, trySimpleScanner: true);

    /// <summary>Reads a standalone YAML text (positions relative to it).</summary>
    public static YamlReadResult Read(string yaml, string path) => Read(yaml, 0, yaml.Length, new LineMap(yaml), path);

    /// <summary>Reads <c>fileText[start..start+length)</c>, optionally without the simple scanner.</summary>
    /// <param name="fileText">The whole file, so spans can be file positions.</param>
    /// <param name="start">Offset of the YAML text in <paramref name="fileText"/>.</param>
    /// <param name="length">Length of the YAML text.</param>
    /// <param name="lines">Line map of <paramref name="fileText"/>.</param>
    /// <param name="path">File path used in diagnostics.</param>
    /// <param name="trySimpleScanner">
    /// False to read with YamlDotNet's parser even when <see cref="SimpleYamlScanner"/> could (tests compare the two).
    /// </param>
    internal static YamlReadResult Read(string fileText, int start, int length, LineMap lines, string path, bool trySimpleScanner)
    {
        if (fileText is null) throw new ArgumentNullException(nameof(fileText));
        if (lines is null) throw new ArgumentNullException(nameof(lines));
        if (trySimpleScanner)
        {
            var simple = TryReadSimple(fileText, start, length, lines, path);
            if (simple is not null) return simple;
        }

        return new TreeBuilder(fileText, start, length, lines, path ?? string.Empty).Run();
    }

    /// <summary>
    /// Reads the text with <see cref="SimpleYamlScanner"/>; null when it is outside the scanner's subset or has any
    /// diagnostic, which is then left to YamlDotNet's parser so every error reads as it always has.
    /// </summary>
    internal static YamlReadResult? TryReadSimple(string fileText, int start, int length, LineMap lines, string path)
    {
        var events = s_events ??= new List<SimpleYamlEvent>();
        if (!SimpleYamlScanner.TryScan(fileText, start, length, events)) return null;
        var result = new TreeBuilder(fileText, start, length, lines, path ?? string.Empty).Replay(events);
        return result.Diagnostics.Count == 0 ? result : null;
    }

    /// <summary>The simple scanner's event list, kept per thread so a read allocates none.</summary>
    [ThreadStatic]
    private static List<SimpleYamlEvent>? s_events;

    /// <summary>
    /// An open mapping or sequence. A reader keeps one frame per depth and reuses it for every collection at that depth:
    /// its lists are scratch space, copied into exact arrays when the collection closes.
    /// </summary>
    private sealed class Frame
    {
        /// <summary>Up to this many keys a mapping finds repeats by a linear scan; a set is only built for bigger ones.</summary>
        private const int LinearKeySearchLimit = 8;

        private readonly List<YamlSourceEntry> _entries = new();
        private readonly List<YamlSourceNode> _items = new();
        private readonly List<PromptValue> _scalarKeys = new();
        private HashSet<PromptValue>? _scalarKeySet;

        public YamlSourceNodeKind Kind { get; private set; }

        public int Start { get; private set; }

        public bool Flow { get; private set; }

        public string Anchor { get; private set; } = string.Empty;

        public int Count => Kind == YamlSourceNodeKind.Mapping ? _entries.Count : _items.Count;

        public IReadOnlyList<YamlSourceEntry> Entries => _entries;

        public IReadOnlyList<YamlSourceNode> Items => _items;

        public bool HasPendingKey { get; set; }

        public string PendingKey { get; set; } = string.Empty;

        public SourceSpan PendingKeySpan { get; set; }

        public int End { get; set; }

        public long Size { get; set; }

        /// <summary>Makes this frame a new, empty collection.</summary>
        public void Open(YamlSourceNodeKind kind, int start, bool flow, string anchor)
        {
            Kind = kind;
            Start = start;
            Flow = flow;
            Anchor = anchor;
            _entries.Clear();
            _items.Clear();
            _scalarKeys.Clear();
            _scalarKeySet = null;
            HasPendingKey = false;
            PendingKey = string.Empty;
            PendingKeySpan = default;
            End = start;
            Size = 1;
        }

        public void AddEntry(YamlSourceEntry entry) => _entries.Add(entry);

        public void AddItem(YamlSourceNode item) => _items.Add(item);

        /// <summary>The entries for the closed mapping's node (null when there are none).</summary>
        public YamlSourceEntry[]? TakeEntries() => _entries.Count == 0 ? null : _entries.ToArray();

        /// <summary>The items for the closed sequence's node (null when there are none).</summary>
        public YamlSourceNode[]? TakeItems() => _items.Count == 0 ? null : _items.ToArray();

        /// <summary>Records a scalar key; false when an equal key (by value, as YAML compares them) came before.</summary>
        public bool AddScalarKey(PromptValue key)
        {
            if (_scalarKeySet is not null) return _scalarKeySet.Add(key);
            foreach (var existing in _scalarKeys)
            {
                if (existing.Equals(key)) return false;
            }

            _scalarKeys.Add(key);
            if (_scalarKeys.Count > LinearKeySearchLimit) _scalarKeySet = new HashSet<PromptValue>(_scalarKeys);
            return true;
        }
    }

    private sealed class StopException : Exception
    {
    }

    private sealed class TreeBuilder(string text, int start, int length, LineMap lines, string path)
    {
        private readonly string _text = text;
        private readonly int _start = start;
        private readonly int _length = length;
        private readonly LineMap _lines = lines;
        private readonly string _path = path;
        private readonly List<PromptDiagnostic> _diagnostics = new();
        private readonly List<Frame> _frames = new();
        private int _depth;
        private Dictionary<string, YamlSourceNode>? _anchors;
        private YamlSourceNode? _root;
        private long _physicalNodes;
        private int _documents;

        public YamlReadResult Run()
        {
            // Where the last event read ended: YamlDotNet throws other exceptions than YamlException on some malformed
            // input (an InvalidOperationException without a position), which is then reported from there.
            Mark? readTo = null;
            try
            {
                var parser = new Parser(new StringSliceReader(_text, _start, _length));
                while (parser.MoveNext())
                {
                    readTo = parser.Current!.End;
                    Handle(parser.Current!);
                }
            }
            catch (StopException)
            {
            }
            catch (YamlException exception)
            {
                var span = SpanOf(exception.Start, exception.End, atLeastOneChar: true);
                if (exception.Message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0) span = FindTabIndentation(span.Start) ?? span;
                Report(DiagnosticDescriptors.InvalidYaml, span, $"Invalid YAML in frontmatter: {Describe(exception)}");
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var span = readTo is { } mark ? SpanOf(mark, mark, atLeastOneChar: true) : _lines.GetSpan(_start, _start);
                Report(DiagnosticDescriptors.InvalidYaml, span, "Invalid YAML in frontmatter: it cannot be read past this point; check the brackets, braces and quotes before it.");
            }

            return Result();
        }

        /// <summary>Builds the tree from <see cref="SimpleYamlScanner"/>'s events, as <see cref="Run"/> does from YamlDotNet's.</summary>
        public YamlReadResult Replay(List<SimpleYamlEvent> events)
        {
            try
            {
                foreach (var item in events)
                {
                    switch (item.Kind)
                    {
                        case SimpleYamlEventKind.BlockMappingStart:
                            Open(YamlSourceNodeKind.Mapping, item.Start, flow: false, anchor: string.Empty);
                            break;
                        case SimpleYamlEventKind.BlockSequenceStart:
                            Open(YamlSourceNodeKind.Sequence, item.Start, flow: false, anchor: string.Empty);
                            break;
                        case SimpleYamlEventKind.FlowSequenceStart:
                            Open(YamlSourceNodeKind.Sequence, item.Start, flow: true, anchor: string.Empty);
                            break;
                        case SimpleYamlEventKind.CollectionEnd:
                            Close(item.Start);
                            break;
                        default:
                            var plain = item.Kind == SimpleYamlEventKind.PlainScalar;
                            AddScalar(SimpleYamlScanner.ScalarText(_text, item), plain, string.Empty, string.Empty, item.Start, item.End);
                            break;
                    }
                }
            }
            catch (StopException)
            {
            }

            return Result();
        }

        private YamlReadResult Result()
        {
            var failed = _diagnostics.Exists(d => d.Id == DiagnosticDescriptors.InvalidYaml.Id);
            return new YamlReadResult(failed ? null : _root, _diagnostics) { Succeeded = !failed };
        }

        private void Handle(ParsingEvent parsingEvent)
        {
            switch (parsingEvent)
            {
                case DocumentStart documentStart:
                    if (++_documents > 1)
                    {
                        Fail(SpanOf(documentStart.Start, documentStart.End, atLeastOneChar: true),
                            "the frontmatter holds more than one YAML document; keep a single mapping between the `---` lines.");
                    }

                    break;
                case Scalar scalar:
                    AddScalar(scalar);
                    break;
                case AnchorAlias alias:
                    AddAlias(alias);
                    break;
                case MappingStart mappingStart:
                    Open(YamlSourceNodeKind.Mapping, mappingStart, mappingStart.Style == MappingStyle.Flow);
                    break;
                case SequenceStart sequenceStart:
                    Open(YamlSourceNodeKind.Sequence, sequenceStart, sequenceStart.Style == SequenceStyle.Flow);
                    break;
                case MappingEnd:
                case SequenceEnd:
                    Close(parsingEvent);
                    break;
            }
        }

        private void AddScalar(Scalar scalar)
        {
            var plain = scalar.Style == ScalarStyle.Plain || scalar.Style == ScalarStyle.Any;
            var tag = scalar.Tag.IsEmpty ? string.Empty : scalar.Tag.Value;
            AddScalar(scalar.Value, plain, tag, scalar.Anchor.IsEmpty ? string.Empty : scalar.Anchor.Value, OffsetOf(scalar.Start), OffsetOf(scalar.End));
        }

        /// <summary>Adds a scalar whose text runs from <paramref name="startOffset"/> to <paramref name="endOffset"/> (file offsets).</summary>
        private void AddScalar(string text, bool plain, string tag, string anchor, int startOffset, int endOffset)
        {
            var value = YamlCoreSchema.Resolve(text, plain, tag);
            var span = TrimmedSpan(startOffset, endOffset);
            CheckTabIndentation(span.Start);
            var node = new YamlSourceNode(YamlSourceNodeKind.Scalar, value, span, null, null, 1, isAlias: false);
            _physicalNodes++;
            Register(anchor, node);
            Attach(node);
        }

        private void AddAlias(AnchorAlias alias)
        {
            var span = SpanOf(alias.Start, alias.End, atLeastOneChar: false);
            if (_anchors is null || !_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                Fail(span, $"the alias `*{alias.Value.Value}` refers to no anchor defined before it (anchors must precede their aliases, and a node cannot contain an alias of itself).");
                return;
            }

            _physicalNodes++;
            Attach(new YamlSourceNode(target.Kind, target.Value, span, target.Entries, target.Items, target.ExpandedSize, isAlias: true));
        }

        private void Open(YamlSourceNodeKind kind, NodeEvent start, bool flow) =>
            Open(kind, _start + (int)start.Start.Index, flow, start.Anchor.IsEmpty ? string.Empty : start.Anchor.Value);

        /// <summary>Opens a mapping or sequence written from the file offset <paramref name="offset"/>.</summary>
        private void Open(YamlSourceNodeKind kind, int offset, bool flow, string anchor)
        {
            if (!flow) CheckTabIndentation(offset);
            if (_depth >= MaxDepth)
            {
                Fail(_lines.GetSpan(offset, Math.Min(offset + 1, _start + _length)), $"the frontmatter is nested more than {MaxDepth} levels deep.");
            }

            if (_depth == _frames.Count) _frames.Add(new Frame());
            _frames[_depth++].Open(kind, offset, flow, anchor);
        }

        private void Close(ParsingEvent end) => Close(_start + (int)end.Start.Index);

        /// <summary>Closes the innermost collection; <paramref name="closerOffset"/> is where its end event starts.</summary>
        private void Close(int closerOffset)
        {
            var frame = _frames[--_depth];
            var endOffset = Math.Max(frame.End, closerOffset);
            if (frame.Flow)
            {
                var closer = frame.Kind == YamlSourceNodeKind.Mapping ? '}' : ']';
                if (endOffset < _start + _length && _text[endOffset] == closer) endOffset++;
            }
            else
            {
                endOffset = frame.End;
            }

            if (frame.HasPendingKey)
            {
                // A key whose value event never came (cannot happen with a well-formed event stream); keep it as null.
                AddEntry(frame, new YamlSourceNode(YamlSourceNodeKind.Scalar, PromptValue.Null, frame.PendingKeySpan, null, null, 1, false));
            }

            PromptValue value;
            YamlSourceEntry[]? entries = null;
            YamlSourceNode[]? itemNodes = null;
            if (frame.Kind == YamlSourceNodeKind.Mapping)
            {
                entries = frame.TakeEntries();
                var properties = new KeyValuePair<string, PromptValue>[frame.Count];
                for (var i = 0; i < properties.Length; i++) properties[i] = new KeyValuePair<string, PromptValue>(frame.Entries[i].Key, frame.Entries[i].Value.Value);
                value = JsObject.CreateOwned(properties);
            }
            else
            {
                itemNodes = frame.TakeItems();
                var items = new PromptValue[frame.Count];
                for (var i = 0; i < items.Length; i++) items[i] = frame.Items[i].Value;
                value = PromptValue.ArrayOwned(items);
            }

            if (frame.Size - _physicalNodes > MaxAliasExpansion)
            {
                Fail(_lines.GetSpan(frame.Start, endOffset),
                    $"aliases in the frontmatter expand to more than {MaxAliasExpansion:N0} extra nodes, which looks like an alias bomb.");
            }

            _physicalNodes++;
            var node = new YamlSourceNode(frame.Kind, value, TrimmedSpan(frame.Start, endOffset), entries, itemNodes, frame.Size, isAlias: false);
            Register(frame.Anchor, node);
            Attach(node);
        }

        private void Register(string anchor, YamlSourceNode node)
        {
            if (anchor.Length > 0) (_anchors ??= new Dictionary<string, YamlSourceNode>(StringComparer.Ordinal))[anchor] = node;
        }

        private void Attach(YamlSourceNode node)
        {
            if (_depth == 0)
            {
                _root = node;
                return;
            }

            var frame = _frames[_depth - 1];
            frame.End = Math.Max(frame.End, node.Span.End);
            if (frame.Kind == YamlSourceNodeKind.Sequence)
            {
                frame.AddItem(node);
                frame.Size += node.ExpandedSize;
                return;
            }

            if (!frame.HasPendingKey)
            {
                SetPendingKey(frame, node);
                return;
            }

            AddEntry(frame, node);
        }

        private void SetPendingKey(Frame frame, YamlSourceNode keyNode)
        {
            frame.HasPendingKey = true;
            frame.PendingKeySpan = keyNode.Span;
            if (keyNode.Kind != YamlSourceNodeKind.Scalar)
            {
                // Cut short: a key that is itself a mapping with such a key would escape the text again at every level,
                // doubling it (29 nested levels took gigabytes). It is an error, so the text is only for the message.
                frame.PendingKey = Shorten(PromptJson.Serialize(keyNode.Value), MaxComplexKeyLength);
                Report(DiagnosticDescriptors.InvalidFrontmatterValue, keyNode.Span,
                    "A mapping or sequence cannot be a key in frontmatter; JavaScript turns it into the text " +
                    $"'{frame.PendingKey}'. Use a plain string key.");
                return;
            }

            var keyValue = keyNode.Value;
            if (!frame.AddScalarKey(keyValue))
            {
                Fail(keyNode.Span, $"the key '{JsObject.ToJsString(keyValue)}' appears twice in the same mapping; Dotprompt runtimes reject duplicate keys.");
            }

            frame.PendingKey = keyValue.IsNull ? string.Empty : JsObject.ToJsString(keyValue);
        }

        private const int MaxComplexKeyLength = 120;

        private static string Shorten(string text, int maxLength) =>
            text.Length <= maxLength ? text : text.Substring(0, maxLength) + "…";

        private void AddEntry(Frame frame, YamlSourceNode value)
        {
            frame.AddEntry(new YamlSourceEntry(frame.PendingKey, frame.PendingKeySpan, value));
            frame.Size += value.ExpandedSize;
            frame.HasPendingKey = false;
        }

        /// <summary>The reference's YAML library rejects tabs used as indentation; YamlDotNet tolerates some.</summary>
        private void CheckTabIndentation(int offset)
        {
            if (_depth > 0 && _frames[_depth - 1].Flow) return;
            var lineStart = offset;
            while (lineStart > _start && !JsText.IsLineBreak(_text[lineStart - 1])) lineStart--;
            var sawTab = false;
            for (var i = lineStart; i < offset; i++)
            {
                var c = _text[i];
                if (c == '\t') sawTab = true;
                else if (c != ' ') return;
            }

            if (sawTab)
            {
                Fail(_lines.GetSpan(lineStart, offset), "tabs are not allowed as indentation in YAML; indent with spaces.");
            }
        }

        /// <summary>YamlDotNet reports tab errors at the enclosing node; point at the first tab-indented line instead.</summary>
        private SourceSpan? FindTabIndentation(int from)
        {
            var end = _start + _length;
            for (var lineStart = from; lineStart < end;)
            {
                var i = lineStart;
                while (i < end && (_text[i] == ' ' || _text[i] == '\t')) i++;
                var indentation = _text.IndexOf('\t', lineStart, i - lineStart);
                if (indentation >= 0) return _lines.GetSpan(lineStart, i);
                while (i < end && !JsText.IsLineBreak(_text[i])) i++;
                lineStart = i < end && _text[i] == '\r' && i + 1 < end && _text[i + 1] == '\n' ? i + 2 : i + 1;
            }

            return null;
        }

        private void Fail(SourceSpan span, string detail)
        {
            Report(DiagnosticDescriptors.InvalidYaml, span, "Invalid YAML in frontmatter: " + detail);
            throw new StopException();
        }

        private void Report(PromptDiagnosticDescriptor descriptor, SourceSpan span, string message) =>
            _diagnostics.Add(new PromptDiagnostic(descriptor, _path, span, message));

        private int OffsetOf(Mark mark) => Clamp(_start + (int)Math.Min(mark.Index, int.MaxValue));

        private SourceSpan SpanOf(Mark start, Mark end, bool atLeastOneChar)
        {
            var startOffset = OffsetOf(start);
            var endOffset = OffsetOf(end);
            if (atLeastOneChar && endOffset <= startOffset && startOffset < _start + _length && !JsText.IsLineBreak(_text[startOffset]))
            {
                endOffset = startOffset + 1;
            }

            return TrimmedSpan(startOffset, endOffset);
        }

        /// <summary>Block scalars and collections end at the next line; point only at their text.</summary>
        private SourceSpan TrimmedSpan(int start, int end)
        {
            while (end > start && JsText.IsLineBreak(_text[end - 1])) end--;
            return _lines.GetSpan(start, end);
        }

        private int Clamp(int offset) => Math.Max(_start, Math.Min(offset, _start + _length));

        private static string Describe(YamlException exception)
        {
            var message = exception.Message;
            if (message.Contains("tab")) return message + " Indent YAML with spaces, not tabs.";
            if (message.Contains("quoted scalar")) return message + " Check for an unterminated quote.";
            return message;
        }
    }
}
