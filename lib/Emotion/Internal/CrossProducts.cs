using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Emotion.Internal;

/// <summary>Many dot products between two sets of equally long rows, as one matrix product.</summary>
internal static class CrossProducts
{
    private const int RowsOfB = 4;
    private const int RowsOfA = 4;
    private const int Stretch = 512;
    // Rows of a per band: Band × Stretch doubles, half a megabyte.
    private const int Band = 128;

    /// <summary>
    /// <c>result[p·m + q] = result[q·m + p] = a[q]·b[p]</c> for every q ≤ p, with m rows in each set:
    /// the symmetric product <c>Aᵀ·B</c> when it is known to be symmetric (as <c>Cᵀ·W·C</c> is).
    /// Tiles of four rows of b by four of a share every load among sixteen sums, which keeps the
    /// loop on arithmetic rather than on reading memory, as one dot product per pair could not.
    /// </summary>
    public static void SymmetricLower(RowMajor a, RowMajor b, double[] result)
    {
        int m = a.Count, n = a.Length;
        if (b.Count != m || b.Length != n || a.Values.Length < m * n || b.Values.Length < m * n)
            throw new ArgumentException("The two sets need as many rows, all of one length.");
        Array.Clear(result, 0, m * m);
        // A stretch of every row at a time, and of a's rows a band at a time: the band's stretches
        // (half a megabyte) then stay in each core's own cache while every tile of b below the
        // band meets them, where all of a's rows (megabytes) came from the shared cache each time.
        // Each entry still adds its stretches in order, whatever the band.
        for (int start = 0; start < n; start += Stretch)
        {
            int end = Math.Min(n, start + Stretch);
            for (int band = 0; band < m; band += Band)
            {
                int bandEnd = Math.Min(m, band + Band);
                Parallel.For(band / RowsOfB, (m + RowsOfB - 1) / RowsOfB, block =>
                {
                    int p0 = block * RowsOfB;
                    Span<double> tile = stackalloc double[RowsOfB * RowsOfA];
                    for (int q0 = band; q0 < Math.Min(p0 + RowsOfB, bandEnd); q0 += RowsOfA)
                    {
                        bool whole = p0 + RowsOfB <= m && q0 + RowsOfA <= bandEnd;
                        if (whole)
                            Tile(a, b, p0, q0, start, end, tile);
                        for (int p = p0; p < Math.Min(p0 + RowsOfB, m); p++)
                            for (int q = q0; q < Math.Min(q0 + RowsOfA, bandEnd) && q <= p; q++)
                                result[p * m + q] += whole ? tile[(p - p0) * RowsOfA + q - q0] : TensorPrimitives.Dot(a.Row(q)[start..end], b.Row(p)[start..end]);
                    }
                });
            }
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
        ref double a2 = ref MemoryMarshal.GetReference(a.Row(q0 + 2));
        ref double a3 = ref MemoryMarshal.GetReference(a.Row(q0 + 3));
        ref double b0 = ref MemoryMarshal.GetReference(b.Row(p0));
        ref double b1 = ref MemoryMarshal.GetReference(b.Row(p0 + 1));
        ref double b2 = ref MemoryMarshal.GetReference(b.Row(p0 + 2));
        ref double b3 = ref MemoryMarshal.GetReference(b.Row(p0 + 3));
        int width = T.Width, i = start;
        var zero = T.Broadcast(0);
        var (s00, s01, s02, s03, s10, s11, s12, s13) = (zero, zero, zero, zero, zero, zero, zero, zero);
        var (s20, s21, s22, s23, s30, s31, s32, s33) = (zero, zero, zero, zero, zero, zero, zero, zero);
        for (; i + width <= end; i += width)
        {
            var (x0, x1, x2, x3) = (T.Load(ref a0, (nuint)i), T.Load(ref a1, (nuint)i), T.Load(ref a2, (nuint)i), T.Load(ref a3, (nuint)i));
            var y = T.Load(ref b0, (nuint)i);
            (s00, s01, s02, s03) = (T.MultiplyAdd(x0, y, s00), T.MultiplyAdd(x1, y, s01), T.MultiplyAdd(x2, y, s02), T.MultiplyAdd(x3, y, s03));
            y = T.Load(ref b1, (nuint)i);
            (s10, s11, s12, s13) = (T.MultiplyAdd(x0, y, s10), T.MultiplyAdd(x1, y, s11), T.MultiplyAdd(x2, y, s12), T.MultiplyAdd(x3, y, s13));
            y = T.Load(ref b2, (nuint)i);
            (s20, s21, s22, s23) = (T.MultiplyAdd(x0, y, s20), T.MultiplyAdd(x1, y, s21), T.MultiplyAdd(x2, y, s22), T.MultiplyAdd(x3, y, s23));
            y = T.Load(ref b3, (nuint)i);
            (s30, s31, s32, s33) = (T.MultiplyAdd(x0, y, s30), T.MultiplyAdd(x1, y, s31), T.MultiplyAdd(x2, y, s32), T.MultiplyAdd(x3, y, s33));
        }
        (tile[0], tile[1], tile[2], tile[3], tile[4], tile[5], tile[6], tile[7]) = (s00.Sum(), s01.Sum(), s02.Sum(), s03.Sum(), s10.Sum(), s11.Sum(), s12.Sum(), s13.Sum());
        (tile[8], tile[9], tile[10], tile[11], tile[12], tile[13], tile[14], tile[15]) = (s20.Sum(), s21.Sum(), s22.Sum(), s23.Sum(), s30.Sum(), s31.Sum(), s32.Sum(), s33.Sum());
        for (; i < end; i++)
        {
            var (x0, x1, x2, x3) = (Unsafe.Add(ref a0, i), Unsafe.Add(ref a1, i), Unsafe.Add(ref a2, i), Unsafe.Add(ref a3, i));
            for (int r = 0; r < RowsOfB; r++)
            {
                double y = Unsafe.Add(ref r == 0 ? ref b0 : ref r == 1 ? ref b1 : ref r == 2 ? ref b2 : ref b3, i);
                tile[r * RowsOfA] += x0 * y;
                tile[r * RowsOfA + 1] += x1 * y;
                tile[r * RowsOfA + 2] += x2 * y;
                tile[r * RowsOfA + 3] += x3 * y;
            }
        }
    }
}
