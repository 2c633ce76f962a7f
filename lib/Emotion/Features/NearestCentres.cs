using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Emotion.Internal;

namespace Emotion.Features;

/// <summary>
/// Finds the centres nearest a vector among a fixed set. ‖x − c‖² ranks centres as
/// ‖c‖² − 2·x·c does (‖x‖² is the same for all), which is one multiply-add per value; the centres
/// are stored dimension by dimension, times −2, so one vector's scores against every centre are
/// whole-register operations across centres, with no per-centre call or horizontal sum. Counting
/// audio words is most of a fit's time, and this is its inner loop.
/// </summary>
internal sealed class NearestCentres
{
    /// <summary>Vectors scored per call: each load of the centres serves four, so the loop waits on arithmetic, not on loads.</summary>
    public const int Group = 4;
    // Four registers of centres per pass, for each of the Group vectors: sixteen running sums.
    private static readonly int Block = 4 * Lanes.Width;
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

    /// <summary>Scores per vector at the start of the scratch after <see cref="Find"/>: a vector's scores for every centre, then +∞ for the padding.</summary>
    internal int Stride => _padded;

    /// <summary>
    /// Writes the indices of the centres nearest each of <see cref="Group"/> vectors, nearest first:
    /// <paramref name="vectors"/> holds them one after another, and <paramref name="best"/> gets an
    /// equal share for each, in the same order. <paramref name="scratch"/> holds at least
    /// <see cref="ScratchLength"/> values for a share's length.
    /// </summary>
    public void Find(ReadOnlySpan<float> vectors, Span<int> best, Span<float> scratch)
    {
        if (Vector512.IsHardwareAccelerated)
            Find<Lanes512>(vectors, best, scratch);
        else if (Vector256.IsHardwareAccelerated)
            Find<Lanes256>(vectors, best, scratch);
        else
            Find<Lanes128>(vectors, best, scratch);
    }

    /// <summary><see cref="Find"/> computing in registers of <typeparamref name="T"/> (any no wider than <see cref="Lanes.Width"/>), for tests.</summary>
    internal void Find<T>(ReadOnlySpan<float> vectors, Span<int> best, Span<float> scratch) where T : struct, ILanes<T>
    {
        if (vectors.Length != Group * Dimensions)
            throw new ArgumentException($"{vectors.Length} values for {Group} vectors among centres of {Dimensions}.", nameof(vectors));
        if (best.Length % Group != 0)
            throw new ArgumentException($"{best.Length} places do not share among {Group} vectors.", nameof(best));
        int width = T.Width, nearest = best.Length / Group;
        var scores = scratch[..(Group * _padded)];
        var minima = scratch.Slice(Group * _padded, Group * width);
        Scores<T>(vectors, scores, minima);
        var kept = scratch.Slice(Group * (_padded + width), nearest);
        for (int v = 0; v < Group; v++)
            Keep<T>(scores.Slice(v * _padded, _padded), minima.Slice(v * width, width), best.Slice(v * nearest, nearest), kept);
    }

    /// <summary>
    /// The lowest-scoring centres, lowest first (the lower index first among equal scores). Only
    /// scores at or under a bound are candidates: each lane of <paramref name="minima"/> holds the
    /// lowest score of its strided share, and the <c>nearest</c>-th lowest of those has at least that
    /// many scores at or under it. That leaves a handful of candidates, where testing every score
    /// against the running worst kept one tried some 25 per vector, each a mispredicted branch.
    /// </summary>
    private void Keep<T>(ReadOnlySpan<float> scores, ReadOnlySpan<float> minima, Span<int> best, Span<float> kept) where T : struct, ILanes<T>
    {
        ref float start = ref MemoryMarshal.GetReference(scores);
        var bound = T.Broadcast(kept.Length <= minima.Length ? Lowest<T>(minima, kept.Length) : float.PositiveInfinity);
        kept.Fill(float.PositiveInfinity);
        for (int first = 0; first < _padded; first += T.Width)
        {
            for (ulong candidates = T.Load(ref start, (nuint)first).AtMost(bound); candidates != 0; candidates &= candidates - 1)
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

    /// <summary>
    /// The <paramref name="rank"/>-th lowest of the lanes: the lowest lane with at least that many
    /// lanes at or under it, counted a whole register at a time, with no sort and few branches.
    /// </summary>
    private static float Lowest<T>(ReadOnlySpan<float> lanes, int rank) where T : struct, ILanes<T>
    {
        var all = T.Load(ref MemoryMarshal.GetReference(lanes), 0);
        float lowest = float.PositiveInfinity;
        foreach (float lane in lanes)
            if (BitOperations.PopCount(all.AtMost(T.Broadcast(lane))) >= rank)
                lowest = MathF.Min(lowest, lane);
        return lowest;
    }

    /// <summary>Scratch values <see cref="Find"/> needs for up to <paramref name="nearest"/> centres a vector.</summary>
    public int ScratchLength(int nearest) => Group * (_padded + Lanes.Width) + nearest;

    /// <summary>
    /// ‖c‖² − 2·x·c for every centre c (and +∞ for the padding) and each of the <see cref="Group"/>
    /// vectors x, into consecutive stretches of <paramref name="scores"/>: each sum runs over the
    /// dimensions in order, whatever the width, so every width gives the same scores. Each vector's
    /// lowest score per lane goes to <paramref name="minima"/> on the way, while still in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Scores<T>(ReadOnlySpan<float> vectors, Span<float> scores, Span<float> minima) where T : struct, ILanes<T>
    {
        int width = T.Width, dimensions = Dimensions, padded = _padded;
        ref float centres = ref MemoryMarshal.GetArrayDataReference(_byDimension);
        ref float norms = ref MemoryMarshal.GetArrayDataReference(_norms);
        ref float x = ref MemoryMarshal.GetReference(vectors);
        ref float output = ref MemoryMarshal.GetReference(scores);
        var infinity = T.Broadcast(float.PositiveInfinity);
        var (lowestA, lowestB, lowestC, lowestE) = (infinity, infinity, infinity, infinity);
        for (int first = 0; first < padded; first += 4 * width)
        {
            var (a0, a1, a2, a3) = (T.Load(ref norms, (nuint)first), T.Load(ref norms, (nuint)(first + width)), T.Load(ref norms, (nuint)(first + 2 * width)), T.Load(ref norms, (nuint)(first + 3 * width)));
            var (b0, b1, b2, b3) = (a0, a1, a2, a3);
            var (c0, c1, c2, c3) = (a0, a1, a2, a3);
            var (e0, e1, e2, e3) = (a0, a1, a2, a3);
            for (int d = 0; d < dimensions; d++)
            {
                int at = d * padded + first;
                var (m0, m1, m2, m3) = (T.Load(ref centres, (nuint)at), T.Load(ref centres, (nuint)(at + width)), T.Load(ref centres, (nuint)(at + 2 * width)), T.Load(ref centres, (nuint)(at + 3 * width)));
                var u = T.Broadcast(Unsafe.Add(ref x, d));
                (a0, a1, a2, a3) = (T.MultiplyAdd(u, m0, a0), T.MultiplyAdd(u, m1, a1), T.MultiplyAdd(u, m2, a2), T.MultiplyAdd(u, m3, a3));
                u = T.Broadcast(Unsafe.Add(ref x, dimensions + d));
                (b0, b1, b2, b3) = (T.MultiplyAdd(u, m0, b0), T.MultiplyAdd(u, m1, b1), T.MultiplyAdd(u, m2, b2), T.MultiplyAdd(u, m3, b3));
                u = T.Broadcast(Unsafe.Add(ref x, 2 * dimensions + d));
                (c0, c1, c2, c3) = (T.MultiplyAdd(u, m0, c0), T.MultiplyAdd(u, m1, c1), T.MultiplyAdd(u, m2, c2), T.MultiplyAdd(u, m3, c3));
                u = T.Broadcast(Unsafe.Add(ref x, 3 * dimensions + d));
                (e0, e1, e2, e3) = (T.MultiplyAdd(u, m0, e0), T.MultiplyAdd(u, m1, e1), T.MultiplyAdd(u, m2, e2), T.MultiplyAdd(u, m3, e3));
            }
            Store(ref output, first, width, a0, a1, a2, a3);
            Store(ref output, padded + first, width, b0, b1, b2, b3);
            Store(ref output, 2 * padded + first, width, c0, c1, c2, c3);
            Store(ref output, 3 * padded + first, width, e0, e1, e2, e3);
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

    // In bounds: scores holds Group stretches of _padded, a multiple of Block.
    private static void Store<T>(ref float destination, int first, int width, T s0, T s1, T s2, T s3) where T : struct, ILanes<T>
    {
        s0.Store(ref destination, (nuint)first);
        s1.Store(ref destination, (nuint)(first + width));
        s2.Store(ref destination, (nuint)(first + 2 * width));
        s3.Store(ref destination, (nuint)(first + 3 * width));
    }
}
