using System.Buffers;

namespace Emotion.Internal;

/// <summary>A scratch buffer of exactly <c>length</c> items rented from the shared pool; contents start undefined.</summary>
internal readonly struct PooledBuffer<T> : IDisposable
{
    private readonly T[] _array;
    private readonly int _length;

    public PooledBuffer(int length)
    {
        _array = ArrayPool<T>.Shared.Rent(length);
        _length = length;
    }

    public Span<T> Span => _array.AsSpan(0, _length);

    public void Dispose() => ArrayPool<T>.Shared.Return(_array);
}
