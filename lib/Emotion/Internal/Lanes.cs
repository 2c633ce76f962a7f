using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Emotion.Internal;

/// <summary>
/// One register of floats, of a width chosen where a kernel is called: a loop written once over
/// <typeparamref name="TSelf"/> runs 16 lanes wide on processors with AVX-512 and 8 or 4 on the
/// others, with the same sums in each lane (the JIT compiles each width apart and inlines these).
/// </summary>
internal interface ILanes<TSelf> where TSelf : struct, ILanes<TSelf>
{
    static abstract int Width { get; }

    static abstract TSelf Load(ref float start, nuint offset);

    static abstract TSelf Broadcast(float value);

    /// <summary><c>a·b + c</c>, rounded once.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf Min(TSelf a, TSelf b);

    void Store(ref float start, nuint offset);

    /// <summary>One bit per lane, lowest lane lowest: set where the lane is at most <paramref name="bound"/>'s.</summary>
    ulong AtMost(TSelf bound);
}

/// <summary>The widest register this processor computes in, for kernels over <see cref="ILanes{TSelf}"/>.</summary>
internal static class Lanes
{
    public static int Width => Vector512.IsHardwareAccelerated ? Lanes512.Width
        : Vector256.IsHardwareAccelerated ? Lanes256.Width : Lanes128.Width;
}

internal readonly struct Lanes512(Vector512<float> value) : ILanes<Lanes512>
{
    private readonly Vector512<float> _value = value;

    public static int Width => Vector512<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref float start, nuint offset) => new(Vector512.LoadUnsafe(ref start, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Broadcast(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 MultiplyAdd(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a._value, b._value, c._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Min(Lanes512 a, Lanes512 b) => new(Vector512.Min(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong AtMost(Lanes512 bound) => Vector512.LessThanOrEqual(_value, bound._value).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float start, nuint offset) => _value.StoreUnsafe(ref start, offset);
}

internal readonly struct Lanes256(Vector256<float> value) : ILanes<Lanes256>
{
    private readonly Vector256<float> _value = value;

    public static int Width => Vector256<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref float start, nuint offset) => new(Vector256.LoadUnsafe(ref start, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Broadcast(float value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 MultiplyAdd(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a._value, b._value, c._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Min(Lanes256 a, Lanes256 b) => new(Vector256.Min(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong AtMost(Lanes256 bound) => Vector256.LessThanOrEqual(_value, bound._value).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float start, nuint offset) => _value.StoreUnsafe(ref start, offset);
}

internal readonly struct Lanes128(Vector128<float> value) : ILanes<Lanes128>
{
    private readonly Vector128<float> _value = value;

    public static int Width => Vector128<float>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Load(ref float start, nuint offset) => new(Vector128.LoadUnsafe(ref start, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Broadcast(float value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 MultiplyAdd(Lanes128 a, Lanes128 b, Lanes128 c) => new(Vector128.FusedMultiplyAdd(a._value, b._value, c._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Min(Lanes128 a, Lanes128 b) => new(Vector128.Min(a._value, b._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong AtMost(Lanes128 bound) => Vector128.LessThanOrEqual(_value, bound._value).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float start, nuint offset) => _value.StoreUnsafe(ref start, offset);
}
