namespace Emotion.Features;

/// <summary>
/// Chroma: how the clip's energy falls on the 12 pitch classes, C to B (librosa's
/// <c>chroma_stft</c> with <c>tuning=0</c>, A440): the power spectrum through the chroma filter bank,
/// each frame scaled so its strongest class is 1 (frames of near silence left as they are), then
/// the mean and standard deviation of each class over time, named <c>chroma_0_mean</c> ..
/// <c>chroma_11_std</c>. The reference design listed chroma among its features.
/// </summary>
public sealed class ChromaFeatures : IFeatureSet
{
    private const int Bins = 12;

    /// <inheritdoc/>
    public string Name => "chroma";

    /// <inheritdoc/>
    public IReadOnlyList<string> FeatureNames { get; } =
    [
        .. Enumerable.Range(0, Bins).Select(c => $"chroma_{c}_mean"),
        .. Enumerable.Range(0, Bins).Select(c => $"chroma_{c}_std"),
    ];

    /// <inheritdoc/>
    public void Extract(AudioAnalysis analysis, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var classes = new float[Bins][];
        for (int c = 0; c < Bins; c++)
            classes[c] = new float[analysis.FrameCount];
        for (int f = 0; f < analysis.FrameCount; f++)
        {
            var energies = analysis.ChromaEnergies(f);
            float peak = 0;
            foreach (float e in energies)
                peak = Math.Max(peak, e);
            // librosa's normalize(norm=inf) leaves columns below the smallest positive float alone.
            float scale = peak > float.Epsilon ? 1 / peak : 1;
            for (int c = 0; c < Bins; c++)
                classes[c][f] = energies[c] * scale;
        }
        for (int c = 0; c < Bins; c++)
        {
            var (mean, deviation) = Functionals.MeanAndDeviation(classes[c]);
            destination[c] = (float)mean;
            destination[Bins + c] = (float)deviation;
        }
    }
}
