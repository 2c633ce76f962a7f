using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Emotion.Internal;

/// <summary>
/// One register of <typeparamref name="T"/> (float or double), of a width chosen where a kernel is
/// called: a loop written once over <typeparamref name="TSelf"/> runs 16 floats (8 doubles) wide on
/// processors with AVX-512 and half or a quarter of that on the others (the JIT compiles each width
/// and element type apart, folds the type tests below and inlines these).
/// </summary>
internal interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged
{
    static abstract int Width { get; }

    static abstract TSelf Load(ref T start, nuint offset);

    static abstract TSelf Broadcast(T value);

    /// <summary><c>a·b + c</c>, rounded once.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf Min(TSelf a, TSelf b);

    void Store(ref T start, nuint offset);

    /// <summary>One bit per lane, lowest lane lowest: set where the lane is at most <paramref name="bound"/>'s.</summary>
    ulong AtMost(TSelf bound);

    /// <summary>The lanes added together.</summary>
    T Sum();
}

/// <summary>The widest register this processor computes in, for kernels over <see cref="ILanes{TSelf, T}"/>.</summary>
internal static class Lanes
{
    /// <summary>Floats in the widest register.</summary>
    public static int Width => Vector512.IsHardwareAccelerated ? Lanes512<float>.Width
        : Vector256.IsHardwareAccelerated ? Lanes256<float>.Width : Lanes128<float>.Width;
}

internal readonly struct Lanes512<T>(Vector512<T> value) : ILanes<Lanes512<T>, T>
    where T : unmanaged
{
    private readonly Vector512<T> _value = value;

    public static int Width => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Load(ref T start, nuint offset) => new(Vector512.LoadUnsafe(ref start, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Broadcast(T value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> MultiplyAdd(Lanes512<T> a, Lanes512<T> b, Lanes512<T> c) => typeof(T) == typeof(float)
        ? new(Vector512.FusedMultiplyAdd(a._value.AsSingle(), b._value.AsSingle(), c._value.AsSingle()).As<float, T>())
        : new(Vector512.FusedMultiplyAdd(a._value.AsDouble(), b._value.AsDouble(), c._value.AsDouble()).As<double, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512<T> Min(Lanes512<T> a, Lanes512<T> b) => new(Vector512.Min(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T start, nuint offset) => _value.StoreUnsafe(ref start, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong AtMost(Lanes512<T> bound) => Vector512.LessThanOrEqual(_value, bound._value).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Sum() => Vector512.Sum(_value);
}

internal readonly struct Lanes256<T>(Vector256<T> value) : ILanes<Lanes256<T>, T>
    where T : unmanaged
{
    private readonly Vector256<T> _value = value;

    public static int Width => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Load(ref T start, nuint offset) => new(Vector256.LoadUnsafe(ref start, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Broadcast(T value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> MultiplyAdd(Lanes256<T> a, Lanes256<T> b, Lanes256<T> c) => typeof(T) == typeof(float)
        ? new(Vector256.FusedMultiplyAdd(a._value.AsSingle(), b._value.AsSingle(), c._value.AsSingle()).As<float, T>())
        : new(Vector256.FusedMultiplyAdd(a._value.AsDouble(), b._value.AsDouble(), c._value.AsDouble()).As<double, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256<T> Min(Lanes256<T> a, Lanes256<T> b) => new(Vector256.Min(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T start, nuint offset) => _value.StoreUnsafe(ref start, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong AtMost(Lanes256<T> bound) => Vector256.LessThanOrEqual(_value, bound._value).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Sum() => Vector256.Sum(_value);
}

internal readonly struct Lanes128<T>(Vector128<T> value) : ILanes<Lanes128<T>, T>
    where T : unmanaged
{
    private readonly Vector128<T> _value = value;

    public static int Width => Vector128<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Load(ref T start, nuint offset) => new(Vector128.LoadUnsafe(ref start, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Broadcast(T value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> MultiplyAdd(Lanes128<T> a, Lanes128<T> b, Lanes128<T> c) => typeof(T) == typeof(float)
        ? new(Vector128.FusedMultiplyAdd(a._value.AsSingle(), b._value.AsSingle(), c._value.AsSingle()).As<float, T>())
        : new(Vector128.FusedMultiplyAdd(a._value.AsDouble(), b._value.AsDouble(), c._value.AsDouble()).As<double, T>());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128<T> Min(Lanes128<T> a, Lanes128<T> b) => new(Vector128.Min(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref T start, nuint offset) => _value.StoreUnsafe(ref start, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong AtMost(Lanes128<T> bound) => Vector128.LessThanOrEqual(_value, bound._value).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Sum() => Vector128.Sum(_value);
}
