using Emotion.Audio;

namespace Emotion.Features;

/// <summary>
/// The reference analysis's features: the mean of each MFCC over time, then its standard deviation
/// (population, ddof 0), named <c>mfcc_0..mfcc_{2n−1}</c> — 80 values with the 40-coefficient default.
/// </summary>
public sealed class MfccStatistics : IFeatureSet
{
    private readonly MfccExtractor _extractor;

    /// <summary>The statistics of librosa-default MFCCs (<see cref="MfccOptions.Librosa"/>).</summary>
    public MfccStatistics() : this(MfccOptions.Librosa) { }

    /// <summary>The statistics of MFCCs computed with <paramref name="options"/>.</summary>
    public MfccStatistics(MfccOptions options)
    {
        _extractor = new MfccExtractor(options);
        FeatureNames = [.. Enumerable.Range(0, 2 * options.CoefficientCount).Select(i => $"mfcc_{i}")];
    }

    /// <inheritdoc/>
    public string Name => "mfcc";

    /// <inheritdoc/>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc/>
    public int SampleRate => _extractor.Options.SampleRate;

    /// <inheritdoc/>
    public string Settings => $"mean+std {_extractor.Options.Describe()}";

    /// <inheritdoc/>
    public void Extract(AudioClip clip, Span<float> destination)
    {
        var mfcc = _extractor.Extract(clip);
        int count = mfcc.Length;
        for (int k = 0; k < count; k++)
        {
            var (mean, deviation) = Functionals.MeanAndDeviation(mfcc[k]);
            destination[k] = (float)mean;
            destination[count + k] = (float)deviation;
        }
    }
}
