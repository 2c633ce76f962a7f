using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Emotion.Internal;

/// <summary>Many dot products between two sets of equally long rows, as one matrix product.</summary>
internal static class CrossProducts
{
    private const int RowsOfB = 4;
    private const int RowsOfA = 2;
    private const int Stretch = 512;

    /// <summary>
    /// <c>result[p·m + q] = result[q·m + p] = a[q]·b[p]</c> for every q ≤ p, with m rows in each set:
    /// the symmetric product <c>Aᵀ·B</c> when it is known to be symmetric (as <c>Cᵀ·W·C</c> is).
    /// Tiles of four rows of b by two of a share every load among eight sums, which keeps the loop
    /// on arithmetic rather than on reading memory, as one dot product per pair could not.
    /// </summary>
    public static void SymmetricLower(RowMajor a, RowMajor b, double[] result)
    {
        int m = a.Count, n = a.Length;
        if (b.Count != m || b.Length != n || a.Values.Length < m * n || b.Values.Length < m * n)
            throw new ArgumentException("The two sets need as many rows, all of one length.");
        Array.Clear(result, 0, m * m);
        // A stretch of every row at a time: the rows of a that each tile of b meets then come from
        // the processor's cache, not from memory, which whole rows (tens of megabytes) would.
        for (int start = 0; start < n; start += Stretch)
        {
            int end = Math.Min(n, start + Stretch);
            Parallel.For(0, (m + RowsOfB - 1) / RowsOfB, block =>
            {
                int p0 = block * RowsOfB;
                Span<double> tile = stackalloc double[RowsOfB * RowsOfA];
                for (int q0 = 0; q0 < Math.Min(p0 + RowsOfB, m); q0 += RowsOfA)
                {
                    bool whole = p0 + RowsOfB <= m && q0 + RowsOfA <= m;
                    if (whole)
                        Tile(a, b, p0, q0, start, end, tile);
                    for (int p = p0; p < Math.Min(p0 + RowsOfB, m); p++)
                        for (int q = q0; q < Math.Min(q0 + RowsOfA, m) && q <= p; q++)
                            result[p * m + q] += whole ? tile[(p - p0) * RowsOfA + q - q0] : TensorPrimitives.Dot(a.Row(q)[start..end], b.Row(p)[start..end]);
                }
            });
        }
        for (int p = 0; p < m; p++)
            for (int q = 0; q < p; q++)
                result[q * m + p] = result[p * m + q];
    }

    /// <summary><see cref="Tile{T}"/> in the widest registers the processor has.</summary>
    private static void Tile(RowMajor a, RowMajor b, int p0, int q0, int start, int end, Span<double> tile)
    {
        if (Vector512.IsHardwareAccelerated)
            Tile<Lanes512<double>>(a, b, p0, q0, start, end, tile);
        else if (Vector256.IsHardwareAccelerated)
            Tile<Lanes256<double>>(a, b, p0, q0, start, end, tile);
        else
            Tile<Lanes128<double>>(a, b, p0, q0, start, end, tile);
    }

    // Unchecked loads: every row holds n values (checked by the caller), and the loop reads whole registers below the end of its stretch.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T>(RowMajor a, RowMajor b, int p0, int q0, int start, int end, Span<double> tile) where T : struct, ILanes<T, double>
    {
        ref double a0 = ref MemoryMarshal.GetReference(a.Row(q0));
        ref double a1 = ref MemoryMarshal.GetReference(a.Row(q0 + 1));
        ref double b0 = ref MemoryMarshal.GetReference(b.Row(p0));
        ref double b1 = ref MemoryMarshal.GetReference(b.Row(p0 + 1));
        ref double b2 = ref MemoryMarshal.GetReference(b.Row(p0 + 2));
        ref double b3 = ref MemoryMarshal.GetReference(b.Row(p0 + 3));
        int width = T.Width, i = start;
        var zero = T.Broadcast(0);
        var (s00, s01, s10, s11, s20, s21, s30, s31) = (zero, zero, zero, zero, zero, zero, zero, zero);
        for (; i + width <= end; i += width)
        {
            var (x0, x1) = (T.Load(ref a0, (nuint)i), T.Load(ref a1, (nuint)i));
            var y = T.Load(ref b0, (nuint)i);
            (s00, s01) = (T.MultiplyAdd(x0, y, s00), T.MultiplyAdd(x1, y, s01));
            y = T.Load(ref b1, (nuint)i);
            (s10, s11) = (T.MultiplyAdd(x0, y, s10), T.MultiplyAdd(x1, y, s11));
            y = T.Load(ref b2, (nuint)i);
            (s20, s21) = (T.MultiplyAdd(x0, y, s20), T.MultiplyAdd(x1, y, s21));
            y = T.Load(ref b3, (nuint)i);
            (s30, s31) = (T.MultiplyAdd(x0, y, s30), T.MultiplyAdd(x1, y, s31));
        }
        (tile[0], tile[1], tile[2], tile[3]) = (s00.Sum(), s01.Sum(), s10.Sum(), s11.Sum());
        (tile[4], tile[5], tile[6], tile[7]) = (s20.Sum(), s21.Sum(), s30.Sum(), s31.Sum());
        for (; i < end; i++)
        {
            var (x0, x1) = (Unsafe.Add(ref a0, i), Unsafe.Add(ref a1, i));
            tile[0] += x0 * Unsafe.Add(ref b0, i);
            tile[1] += x1 * Unsafe.Add(ref b0, i);
            tile[2] += x0 * Unsafe.Add(ref b1, i);
            tile[3] += x1 * Unsafe.Add(ref b1, i);
            tile[4] += x0 * Unsafe.Add(ref b2, i);
            tile[5] += x1 * Unsafe.Add(ref b2, i);
            tile[6] += x0 * Unsafe.Add(ref b3, i);
            tile[7] += x1 * Unsafe.Add(ref b3, i);
        }
    }
}
