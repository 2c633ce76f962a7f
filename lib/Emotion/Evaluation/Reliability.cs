namespace Emotion.Evaluation;

/// <summary>Answers whose confidence fell in [<paramref name="Low"/>, <paramref name="High"/>): how sure the model said it was, and how often it was right.</summary>
/// <param name="Low">Lower edge of the confidence bin.</param>
/// <param name="High">Upper edge.</param>
/// <param name="Count">Answers in the bin.</param>
/// <param name="MeanConfidence">Their mean confidence.</param>
/// <param name="Accuracy">The share of them that was right.</param>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanConfidence, double Accuracy);

/// <summary>
/// Whether a model's confidence means what it says: its answers binned by confidence, and the
/// expected calibration error (ECE), the gap between confidence and accuracy averaged over the bins
/// by their share of answers. 0 is honest; a model that says 0.9 and is right half the time is not.
/// </summary>
/// <param name="Bins">Equal-width confidence bins from 0 to 1, empty ones included.</param>
public sealed record Reliability(IReadOnlyList<ReliabilityBin> Bins)
{
    /// <summary>Answers binned.</summary>
    public int Count => Bins.Sum(b => b.Count);

    /// <summary>Σ (bin answers / answers) · |accuracy − mean confidence|.</summary>
    public double ExpectedCalibrationError => Count == 0 ? 0 : Bins.Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / Count;

    /// <summary>Mean confidence over all answers.</summary>
    public double MeanConfidence => Count == 0 ? 0 : Bins.Sum(b => b.Count * b.MeanConfidence) / Count;

    /// <summary>Share of all answers that was right.</summary>
    public double Accuracy => Count == 0 ? 0 : Bins.Sum(b => b.Count * b.Accuracy) / Count;

    /// <summary>Bins <paramref name="answers"/> (the top label's confidence, and whether it was right) into <paramref name="bins"/> equal-width bins.</summary>
    public static Reliability From(IEnumerable<(double Confidence, bool Correct)> answers, int bins = 10)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var confidence = new double[bins];
        var right = new int[bins];
        foreach (var (c, correct) in answers)
        {
            int bin = Math.Clamp((int)(c * bins), 0, bins - 1);
            count[bin]++;
            confidence[bin] += c;
            right[bin] += correct ? 1 : 0;
        }
        return new Reliability([.. Enumerable.Range(0, bins).Select(b => new ReliabilityBin(
            (double)b / bins, (double)(b + 1) / bins, count[b],
            count[b] == 0 ? 0 : confidence[b] / count[b], count[b] == 0 ? 0 : (double)right[b] / count[b]))]);
    }

    /// <summary>The bins of several reliabilities of the same binning, added up.</summary>
    public static Reliability Pool(IReadOnlyList<Reliability> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
            throw new ArgumentException("Nothing to pool.", nameof(parts));
        return new Reliability([.. parts[0].Bins.Select((bin, b) =>
        {
            int count = parts.Sum(p => p.Bins[b].Count);
            return bin with
            {
                Count = count,
                MeanConfidence = count == 0 ? 0 : parts.Sum(p => p.Bins[b].Count * p.Bins[b].MeanConfidence) / count,
                Accuracy = count == 0 ? 0 : parts.Sum(p => p.Bins[b].Count * p.Bins[b].Accuracy) / count,
            };
        })]);
    }
}
