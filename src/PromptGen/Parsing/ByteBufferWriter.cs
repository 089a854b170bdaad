using System.Buffers;

namespace PromptGen;

/// <summary>Minimal growable <see cref="IBufferWriter{T}"/> (ArrayBufferWriter is not public on netstandard2.0).</summary>
internal sealed class ByteBufferWriter : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _written;

    public ByteBufferWriter(int initialCapacity) => _buffer = new byte[Math.Max(16, initialCapacity)];

    public int Capacity => _buffer.Length;

    public ReadOnlyMemory<byte> WrittenMemory => new(_buffer, 0, _written);

    public void Advance(int count) => _written += count;

    public void Clear() => _written = 0;

    /// <summary>The bytes written so far, decoded as UTF-8.</summary>
    public string GetString() => Encoding.UTF8.GetString(_buffer, 0, _written);

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(1, sizeHint);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(needed, _buffer.Length * 2);
        Array.Resize(ref _buffer, size);
    }
}
