using System.ComponentModel;
using System.Text.Json;
using PromptGen.Language.Rendering;
using PromptGen.Language.Values;

namespace PromptGen.Rendering;

/// <summary>
/// The runs of a block's body (<c>#each</c>, a block over a plain value), enumerated by generated code with
/// <c>foreach</c>. An array of the JSON input is read item by item while the body runs: no array of runs is made for
/// it. Called by generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BlockRuns
{
    // Either runs made up front (template values, object entries, a single run) or an input array read in place.
    private readonly BlockInvocation[]? _made;
    private readonly JsonElement _array;
    private readonly DataFrame? _parent;
    private readonly int _count;

    /// <summary>Runs made up front (non-empty).</summary>
    internal BlockRuns(BlockInvocation[] made)
    {
        _made = made;
        _array = default;
        _parent = null;
        _count = made.Length;
    }

    /// <summary>Runs over the items of a non-empty array of the input, each item read when its run starts.</summary>
    internal BlockRuns(JsonElement array, int count, DataFrame parent)
    {
        _made = null;
        _array = array;
        _parent = parent;
        _count = count;
    }

    /// <summary>No run: the block's else part renders instead.</summary>
    public bool IsEmpty => _count == 0;

    /// <summary>The runs, for <c>foreach</c>.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>The runs in order; for an input array, one item of it at a time.</summary>
    public struct Enumerator
    {
        private readonly BlockInvocation[]? _made;
        private readonly DataFrame? _parent;
        private readonly int _count;
        private JsonElement.ArrayEnumerator _items;
        private int _index;

        // The view of the array's objects, moved from one to the next (see JsonObjectView.MoveTo).
        private JsonObjectView? _view;

        internal Enumerator(BlockRuns runs)
        {
            _made = runs._made;
            _parent = runs._parent;
            _count = runs._count;
            _items = runs._made is null && runs._count > 0 ? runs._array.EnumerateArray() : default;
            _index = -1;
            _view = null;
            Current = default;
        }

        /// <summary>The current run; for an item that is an object, valid until the next run starts.</summary>
        public BlockInvocation Current { get; private set; }

        /// <summary>Starts the next run; false when there is none.</summary>
        public bool MoveNext()
        {
            if (++_index >= _count) return false;
            if (_made is not null)
            {
                Current = _made[_index];
                return true;
            }

            _items.MoveNext();
            var item = _items.Current;
            object? context;
            if (item.ValueKind == JsonValueKind.Object)
            {
                if (_view is null) _view = new JsonObjectView(item);
                else _view.MoveTo(item);
                context = _view;
            }
            else
            {
                context = JsonInputValues.Wrap(item);
            }

            Current = new BlockInvocation(context, _parent!, PromptValue.Number(_index), _index, _index == _count - 1);
            return true;
        }
    }
}
