using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Emotion.Features;

/// <summary>
/// Finds the centres nearest a vector among a fixed set. ‖x − c‖² ranks centres as
/// ‖c‖² − 2·x·c does (‖x‖² is the same for all), which is one multiply-add per value; the centres
/// are stored dimension by dimension, times −2, so one vector's scores against every centre are
/// whole-vector operations across centres, with no per-centre call or horizontal sum. Counting
/// audio words is most of a fit's time, and this is its inner loop.
/// </summary>
internal sealed class NearestCentres
{
    // Four vectors of centres per pass, for two vectors x: the eight running sums stay in registers across the dimensions.
    private static readonly int Block = 4 * Vector<float>.Count;
    // Candidates are sought eight scores at a time; Block is a multiple of eight on every platform .NET runs on.
    private const int Lanes = 8;
    private readonly float[] _byDimension;
    private readonly float[] _norms;
    private readonly int _count;
    private readonly int _padded;

    public NearestCentres(float[][] centres)
    {
        _count = centres.Length;
        Dimensions = centres[0].Length;
        _padded = (_count + Block - 1) / Block * Block;
        _byDimension = new float[Dimensions * _padded];
        // Padding centres score +∞ and are never chosen.
        _norms = new float[_padded];
        _norms.AsSpan(_count).Fill(float.PositiveInfinity);
        for (int k = 0; k < _count; k++)
        {
            _norms[k] = TensorPrimitives.Dot(centres[k], centres[k]);
            for (int d = 0; d < Dimensions; d++)
                _byDimension[d * _padded + k] = -2 * centres[k][d];
        }
    }

    /// <summary>Values per vector.</summary>
    public int Dimensions { get; }

    /// <summary>
    /// Writes the indices of the centres nearest each of two vectors, nearest first: the first half
    /// of <paramref name="best"/> for <paramref name="first"/>, the second half for <paramref name="second"/>
    /// (two at a time, each load of the centres serves both). <paramref name="scratch"/> holds at
    /// least <see cref="ScratchLength"/> values for half of <paramref name="best"/>'s length.
    /// </summary>
    public void Find(ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<int> best, Span<float> scratch)
    {
        if (first.Length != Dimensions || second.Length != Dimensions)
            throw new ArgumentException($"Vectors of {first.Length} and {second.Length} values among centres of {Dimensions}.");
        var scores0 = scratch[.._padded];
        var scores1 = scratch.Slice(_padded, _padded);
        Scores(first, second, scores0, scores1);
        int nearest = best.Length / 2;
        var kept = scratch.Slice(2 * _padded, nearest);
        Keep(scores0, best[..nearest], kept);
        Keep(scores1, best[nearest..], kept);
    }

    /// <summary>
    /// The lowest-scoring centres, lowest first (the lower index first among equal scores). Only
    /// scores at or under a bound are candidates: each of <see cref="Lanes"/> lanes holds the lowest
    /// score of its strided share, and the <c>nearest</c>-th lowest of those lane minima has at least
    /// that many scores at or under it. That leaves a handful of candidates, where testing every
    /// score against the running worst kept one tried some 25 per frame, each a mispredicted branch.
    /// </summary>
    private void Keep(ReadOnlySpan<float> scores, Span<int> best, Span<float> kept)
    {
        ref float start = ref MemoryMarshal.GetReference(scores);
        var minima = Vector256.Create(float.PositiveInfinity);
        for (int first = 0; first < _padded; first += Lanes)
            minima = Vector256.Min(minima, Vector256.LoadUnsafe(ref start, (nuint)first));
        float bound = kept.Length <= Lanes ? Lowest(minima, kept.Length) : float.PositiveInfinity;

        kept.Fill(float.PositiveInfinity);
        for (int first = 0; first < _padded; first += Lanes)
        {
            uint candidates = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref start, (nuint)first), Vector256.Create(bound)).ExtractMostSignificantBits();
            for (; candidates != 0; candidates &= candidates - 1)
            {
                int k = first + BitOperations.TrailingZeroCount(candidates);
                float score = scores[k];
                if (score >= kept[^1])
                    continue;
                int at = kept.Length - 1;
                for (; at > 0 && kept[at - 1] > score; at--)
                {
                    kept[at] = kept[at - 1];
                    best[at] = best[at - 1];
                }
                kept[at] = score;
                best[at] = k;
            }
        }
    }

    /// <summary>The <paramref name="rank"/>-th lowest of the lanes (an insertion sort: eight values are too few for a general one's overhead).</summary>
    private static float Lowest(Vector256<float> lanes, int rank)
    {
        Span<float> sorted = stackalloc float[Lanes];
        lanes.CopyTo(sorted);
        for (int i = 1; i < Lanes; i++)
        {
            float value = sorted[i];
            int at = i;
            for (; at > 0 && sorted[at - 1] > value; at--)
                sorted[at] = sorted[at - 1];
            sorted[at] = value;
        }
        return sorted[rank - 1];
    }

    /// <summary>Scratch values <see cref="Find"/> needs for up to <paramref name="nearest"/> centres.</summary>
    public int ScratchLength(int nearest) => 2 * _padded + nearest;

    /// <summary>‖c‖² − 2·x·c for every centre c (and +∞ for the padding), for two vectors x at once: each load of the centres serves both.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scores(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> forX, Span<float> forY)
    {
        int width = Vector<float>.Count;
        ref float centres = ref MemoryMarshal.GetArrayDataReference(_byDimension);
        ref float norms = ref MemoryMarshal.GetArrayDataReference(_norms);
        for (int first = 0; first < _padded; first += Block)
        {
            var (x0, x1, x2, x3) = (Load(ref norms, first, 0), Load(ref norms, first, 1), Load(ref norms, first, 2), Load(ref norms, first, 3));
            var (y0, y1, y2, y3) = (x0, x1, x2, x3);
            for (int d = 0; d < x.Length; d++)
            {
                var (u, v) = (new Vector<float>(x[d]), new Vector<float>(y[d]));
                int at = d * _padded + first;
                var c = Load(ref centres, at, 0);
                (x0, y0) = (Vector.FusedMultiplyAdd(u, c, x0), Vector.FusedMultiplyAdd(v, c, y0));
                c = Load(ref centres, at, 1);
                (x1, y1) = (Vector.FusedMultiplyAdd(u, c, x1), Vector.FusedMultiplyAdd(v, c, y1));
                c = Load(ref centres, at, 2);
                (x2, y2) = (Vector.FusedMultiplyAdd(u, c, x2), Vector.FusedMultiplyAdd(v, c, y2));
                c = Load(ref centres, at, 3);
                (x3, y3) = (Vector.FusedMultiplyAdd(u, c, x3), Vector.FusedMultiplyAdd(v, c, y3));
            }
            Store(forX, first, x0, x1, x2, x3);
            Store(forY, first, y0, y1, y2, y3);
        }
    }

    private static void Store(Span<float> destination, int first, Vector<float> s0, Vector<float> s1, Vector<float> s2, Vector<float> s3)
    {
        int width = Vector<float>.Count;
        s0.CopyTo(destination[first..]);
        s1.CopyTo(destination[(first + width)..]);
        s2.CopyTo(destination[(first + 2 * width)..]);
        s3.CopyTo(destination[(first + 3 * width)..]);
    }

    /// <summary>The <paramref name="vector"/>-th whole vector from <paramref name="at"/>: in bounds, as _padded is a multiple of Block.</summary>
    private static Vector<float> Load(ref float start, int at, int vector) =>
        Vector.LoadUnsafe(ref start, (nuint)(at + vector * Vector<float>.Count));
}
