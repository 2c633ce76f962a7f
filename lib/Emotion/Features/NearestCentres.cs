using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Emotion.Internal;

namespace Emotion.Features;

/// <summary>
/// Finds the centres nearest a vector among a fixed set. ‖x − c‖² ranks centres as
/// ‖c‖² − 2·x·c does (‖x‖² is the same for all), which is one multiply-add per value: products
/// with the centres times −2, from their squared norms (<see cref="ColumnProducts"/>). Counting
/// audio words and learning their codebook are about half of a fit with words, and this is their inner loop.
/// </summary>
internal sealed class NearestCentres
{
    /// <summary>Vectors searched per call.</summary>
    public const int Group = ColumnProducts.Group;
    private readonly ColumnProducts _scores;

    public NearestCentres(float[][] centres)
    {
        // Padding centres score +∞ and are never chosen.
        _scores = new ColumnProducts([.. centres.Select(c => c.Select(v => -2 * v).ToArray())], k => TensorPrimitives.Dot(centres[k], centres[k]), float.PositiveInfinity);
    }

    /// <summary>Values per vector.</summary>
    public int Dimensions => _scores.Dimensions;

    /// <summary>Scores per vector at the start of the scratch after <see cref="Find"/>: a vector's scores for every centre, then +∞ for the padding.</summary>
    internal int Stride => _scores.Stride;

    /// <summary>
    /// Writes the indices of the centres nearest each of one to <see cref="Group"/> vectors, nearest
    /// first: <paramref name="vectors"/> holds them one after another, and <paramref name="best"/>
    /// gets an equal share for each, in the same order. <paramref name="scratch"/> holds at least
    /// <see cref="ScratchLength"/> values for a share's length.
    /// </summary>
    public void Find(ReadOnlySpan<float> vectors, Span<int> best, Span<float> scratch)
    {
        if (Vector512.IsHardwareAccelerated)
            Find<Lanes512<float>>(vectors, best, scratch);
        else if (Vector256.IsHardwareAccelerated)
            Find<Lanes256<float>>(vectors, best, scratch);
        else
            Find<Lanes128<float>>(vectors, best, scratch);
    }

    /// <summary><see cref="Find"/> computing in registers of <typeparamref name="T"/> (any no wider than <see cref="Lanes.Width"/>), for tests.</summary>
    internal void Find<T>(ReadOnlySpan<float> vectors, Span<int> best, Span<float> scratch) where T : struct, ILanes<T, float>
    {
        int width = T.Width, stride = Stride, count = vectors.Length / Dimensions;
        if (count < 1 || best.Length % count != 0)
            throw new ArgumentException($"{best.Length} places do not share among {count} vectors.", nameof(best));
        int nearest = best.Length / count;
        var scores = scratch[..(Group * stride)];
        var minima = scratch.Slice(Group * stride, ColumnProducts.MinimaLength);
        _scores.Compute<T>(vectors, scores, minima);
        var kept = scratch.Slice(Group * stride + ColumnProducts.MinimaLength, nearest);
        for (int v = 0; v < count; v++)
            Keep<T>(scores.Slice(v * stride, stride), minima.Slice(v * width, width), best.Slice(v * nearest, nearest), kept);
    }

    /// <summary>
    /// The lowest-scoring centres, lowest first (the lower index first among equal scores). Only
    /// scores at or under a bound are candidates: each lane of <paramref name="minima"/> holds the
    /// lowest score of its strided share, and the <c>nearest</c>-th lowest of those has at least that
    /// many scores at or under it. That leaves a handful of candidates, where testing every score
    /// against the running worst kept one tried some 25 per vector, each a mispredicted branch.
    /// </summary>
    private static void Keep<T>(ReadOnlySpan<float> scores, ReadOnlySpan<float> minima, Span<int> best, Span<float> kept) where T : struct, ILanes<T, float>
    {
        ref float start = ref MemoryMarshal.GetReference(scores);
        var bound = T.Broadcast(kept.Length <= minima.Length ? Lowest<T>(minima, kept.Length) : float.PositiveInfinity);
        kept.Fill(float.PositiveInfinity);
        for (int first = 0; first < scores.Length; first += T.Width)
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
    private static float Lowest<T>(ReadOnlySpan<float> lanes, int rank) where T : struct, ILanes<T, float>
    {
        var all = T.Load(ref MemoryMarshal.GetReference(lanes), 0);
        float lowest = float.PositiveInfinity;
        foreach (float lane in lanes)
            if (BitOperations.PopCount(all.AtMost(T.Broadcast(lane))) >= rank)
                lowest = MathF.Min(lowest, lane);
        return lowest;
    }

    /// <summary>Scratch values <see cref="Find"/> needs for up to <paramref name="nearest"/> centres a vector.</summary>
    public int ScratchLength(int nearest) => Group * Stride + ColumnProducts.MinimaLength + nearest;
}
