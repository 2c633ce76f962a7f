using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Emotion.Internal;

/// <summary>
/// <c>offset[k] + x·column[k]</c> for a fixed set of columns and many vectors x: the product of a
/// matrix of vectors with one of columns, the inner loop of nearest-centre searches and of kernel
/// rows. The columns are stored dimension by dimension, so a vector's results for many columns are
/// whole-register multiply-adds across columns, with no horizontal sums; four vectors share each
/// load of the columns, so the loop waits on arithmetic rather than on loads. Every result is the
/// offset plus each value's product added in order of dimension, in the widest registers the
/// processor has: the same float whatever the width. Immutable and thread-safe.
/// </summary>
internal sealed class ColumnProducts
{
    /// <summary>Vectors computed together: a call takes one to four.</summary>
    public const int Group = 4;
    // Four registers of columns per pass, for each of the Group vectors: sixteen running sums.
    private static readonly int Block = 4 * Lanes.Width;
    private readonly float[] _byDimension;
    private readonly float[] _offsets;

    /// <param name="columns">The columns, all of one length.</param>
    /// <param name="offset">The value each column's results start from.</param>
    /// <param name="padding">The result for the padding past the last column, up to <see cref="Stride"/>.</param>
    public ColumnProducts(IReadOnlyList<float[]> columns, Func<int, float> offset, float padding)
    {
        Count = columns.Count;
        Dimensions = columns[0].Length;
        if (columns.Any(c => c.Length != Dimensions))
            throw new ArgumentException("Columns differ in length.", nameof(columns));
        Stride = (Count + Block - 1) / Block * Block;
        _byDimension = new float[Dimensions * Stride];
        _offsets = new float[Stride];
        _offsets.AsSpan(Count).Fill(padding);
        for (int k = 0; k < Count; k++)
        {
            _offsets[k] = offset(k);
            for (int d = 0; d < Dimensions; d++)
                _byDimension[d * Stride + k] = columns[k][d];
        }
    }

    /// <summary>Columns.</summary>
    public int Count { get; }

    /// <summary>Values per vector and column.</summary>
    public int Dimensions { get; }

    /// <summary>Results per vector: one per column, then the padding, to a whole number of register blocks.</summary>
    public int Stride { get; }

    /// <summary>Values <see cref="Compute"/>'s minima take: one per register lane, for each vector of a group.</summary>
    public static int MinimaLength => Group * Lanes.Width;

    /// <summary>
    /// The results for one to <see cref="Group"/> vectors, held one after another in <paramref name="vectors"/>,
    /// into consecutive stretches of <see cref="Stride"/> in <paramref name="results"/>; and each
    /// vector's lowest result per register lane (its strided share of the columns) into
    /// <paramref name="minima"/>, taken while still in registers, for searches to bound with. Fewer
    /// than a group repeat the last vector in the spare sums (their stretches are written, unused).
    /// </summary>
    public void Compute(ReadOnlySpan<float> vectors, Span<float> results, Span<float> minima)
    {
        if (Vector512.IsHardwareAccelerated)
            Compute<Lanes512<float>>(vectors, results, minima);
        else if (Vector256.IsHardwareAccelerated)
            Compute<Lanes256<float>>(vectors, results, minima);
        else
            Compute<Lanes128<float>>(vectors, results, minima);
    }

    /// <summary><see cref="Compute"/> in registers of <typeparamref name="T"/> (any no wider than <see cref="Lanes.Width"/>; minima then fill the first lanes of each share).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Compute<T>(ReadOnlySpan<float> vectors, Span<float> results, Span<float> minima) where T : struct, ILanes<T, float>
    {
        int width = T.Width, dimensions = Dimensions, stride = Stride, count = vectors.Length / dimensions;
        if (count is < 1 or > Group || vectors.Length != count * dimensions)
            throw new ArgumentException($"{vectors.Length} values are not one to {Group} vectors of {dimensions}.", nameof(vectors));
        if (results.Length < Group * stride || minima.Length < Group * width)
            throw new ArgumentException($"Room for {results.Length} results and {minima.Length} minima, not {Group * stride} and {Group * width}.", nameof(results));
        ref float columns = ref MemoryMarshal.GetArrayDataReference(_byDimension);
        ref float offsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
        // Each of the four sums' vector: a short group's spare sums take its last.
        ref float x = ref MemoryMarshal.GetReference(vectors);
        ref float y = ref Unsafe.Add(ref x, Math.Min(1, count - 1) * dimensions);
        ref float z = ref Unsafe.Add(ref x, Math.Min(2, count - 1) * dimensions);
        ref float w = ref Unsafe.Add(ref x, Math.Min(3, count - 1) * dimensions);
        ref float output = ref MemoryMarshal.GetReference(results);
        var infinity = T.Broadcast(float.PositiveInfinity);
        var (lowestA, lowestB, lowestC, lowestE) = (infinity, infinity, infinity, infinity);
        for (int first = 0; first < stride; first += 4 * width)
        {
            var (a0, a1, a2, a3) = (T.Load(ref offsets, (nuint)first), T.Load(ref offsets, (nuint)(first + width)), T.Load(ref offsets, (nuint)(first + 2 * width)), T.Load(ref offsets, (nuint)(first + 3 * width)));
            var (b0, b1, b2, b3) = (a0, a1, a2, a3);
            var (c0, c1, c2, c3) = (a0, a1, a2, a3);
            var (e0, e1, e2, e3) = (a0, a1, a2, a3);
            for (int d = 0; d < dimensions; d++)
            {
                int at = d * stride + first;
                var (m0, m1, m2, m3) = (T.Load(ref columns, (nuint)at), T.Load(ref columns, (nuint)(at + width)), T.Load(ref columns, (nuint)(at + 2 * width)), T.Load(ref columns, (nuint)(at + 3 * width)));
                var u = T.Broadcast(Unsafe.Add(ref x, d));
                (a0, a1, a2, a3) = (T.MultiplyAdd(u, m0, a0), T.MultiplyAdd(u, m1, a1), T.MultiplyAdd(u, m2, a2), T.MultiplyAdd(u, m3, a3));
                u = T.Broadcast(Unsafe.Add(ref y, d));
                (b0, b1, b2, b3) = (T.MultiplyAdd(u, m0, b0), T.MultiplyAdd(u, m1, b1), T.MultiplyAdd(u, m2, b2), T.MultiplyAdd(u, m3, b3));
                u = T.Broadcast(Unsafe.Add(ref z, d));
                (c0, c1, c2, c3) = (T.MultiplyAdd(u, m0, c0), T.MultiplyAdd(u, m1, c1), T.MultiplyAdd(u, m2, c2), T.MultiplyAdd(u, m3, c3));
                u = T.Broadcast(Unsafe.Add(ref w, d));
                (e0, e1, e2, e3) = (T.MultiplyAdd(u, m0, e0), T.MultiplyAdd(u, m1, e1), T.MultiplyAdd(u, m2, e2), T.MultiplyAdd(u, m3, e3));
            }
            Store(ref output, first, width, a0, a1, a2, a3);
            Store(ref output, stride + first, width, b0, b1, b2, b3);
            Store(ref output, 2 * stride + first, width, c0, c1, c2, c3);
            Store(ref output, 3 * stride + first, width, e0, e1, e2, e3);
            lowestA = T.Min(lowestA, T.Min(T.Min(a0, a1), T.Min(a2, a3)));
            lowestB = T.Min(lowestB, T.Min(T.Min(b0, b1), T.Min(b2, b3)));
            lowestC = T.Min(lowestC, T.Min(T.Min(c0, c1), T.Min(c2, c3)));
            lowestE = T.Min(lowestE, T.Min(T.Min(e0, e1), T.Min(e2, e3)));
        }
        ref float lowest = ref MemoryMarshal.GetReference(minima);
        lowestA.Store(ref lowest, 0);
        lowestB.Store(ref lowest, (nuint)width);
        lowestC.Store(ref lowest, (nuint)(2 * width));
        lowestE.Store(ref lowest, (nuint)(3 * width));
    }

    // In bounds: results hold Group stretches of Stride, a multiple of Block (checked above).
    private static void Store<T>(ref float destination, int first, int width, T s0, T s1, T s2, T s3) where T : struct, ILanes<T, float>
    {
        s0.Store(ref destination, (nuint)first);
        s1.Store(ref destination, (nuint)(first + width));
        s2.Store(ref destination, (nuint)(first + 2 * width));
        s3.Store(ref destination, (nuint)(first + 3 * width));
    }
}
