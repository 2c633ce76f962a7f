using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(RowMajor a, RowMajor b, int p0, int q0, int start, int end, Span<double> tile)
    {
        Span<double> a0 = a.Row(q0), a1 = a.Row(q0 + 1);
        Span<double> b0 = b.Row(p0), b1 = b.Row(p0 + 1), b2 = b.Row(p0 + 2), b3 = b.Row(p0 + 3);
        int width = Vector<double>.Count, i = start;
        var (s00, s01, s10, s11) = (Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero);
        var (s20, s21, s30, s31) = (Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero, Vector<double>.Zero);
        for (; i + width <= end; i += width)
        {
            var x0 = Load(a0, i);
            var x1 = Load(a1, i);
            var y = Load(b0, i);
            s00 = Vector.FusedMultiplyAdd(x0, y, s00);
            s01 = Vector.FusedMultiplyAdd(x1, y, s01);
            y = Load(b1, i);
            s10 = Vector.FusedMultiplyAdd(x0, y, s10);
            s11 = Vector.FusedMultiplyAdd(x1, y, s11);
            y = Load(b2, i);
            s20 = Vector.FusedMultiplyAdd(x0, y, s20);
            s21 = Vector.FusedMultiplyAdd(x1, y, s21);
            y = Load(b3, i);
            s30 = Vector.FusedMultiplyAdd(x0, y, s30);
            s31 = Vector.FusedMultiplyAdd(x1, y, s31);
        }
        Span<Vector<double>> sums = [s00, s01, s10, s11, s20, s21, s30, s31];
        for (int t = 0; t < sums.Length; t++)
            tile[t] = Vector.Sum(sums[t]);
        for (; i < end; i++)
        {
            tile[0] += a0[i] * b0[i];
            tile[1] += a1[i] * b0[i];
            tile[2] += a0[i] * b1[i];
            tile[3] += a1[i] * b1[i];
            tile[4] += a0[i] * b2[i];
            tile[5] += a1[i] * b2[i];
            tile[6] += a0[i] * b3[i];
            tile[7] += a1[i] * b3[i];
        }
    }

    // Unchecked: Tile reads whole vectors below the end of its stretch, inside the row.
    private static Vector<double> Load(Span<double> row, int at) =>
        Vector.LoadUnsafe(ref MemoryMarshal.GetReference(row), (nuint)at);
}
