namespace Emotion.Features;

/// <summary>
/// The reference analysis's features: the mean of each MFCC over time, then its standard deviation
/// (population, ddof 0), named <c>mfcc_0..mfcc_{2n−1}</c> — 80 values with the 40-coefficient default.
/// </summary>
public sealed class MfccStatistics : IFeatureSet
{
    /// <summary>The statistics of <paramref name="coefficients"/> MFCCs.</summary>
    public MfccStatistics(int coefficients)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(coefficients);
        FeatureNames = [.. Enumerable.Range(0, 2 * coefficients).Select(i => $"mfcc_{i}")];
    }

    /// <inheritdoc/>
    public string Name => "mfcc";

    /// <inheritdoc/>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc/>
    public void Extract(AudioAnalysis analysis, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        int count = FeatureNames.Count / 2;
        for (int k = 0; k < count; k++)
        {
            var (mean, deviation) = Functionals.MeanAndDeviation(analysis.Mfcc(k));
            destination[k] = (float)mean;
            destination[count + k] = (float)deviation;
        }
    }
}
