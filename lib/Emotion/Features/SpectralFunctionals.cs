namespace Emotion.Features;

/// <summary>
/// Functionals of the clip's frame-level features that the 80 MFCC statistics leave out, from the
/// same librosa-parity MFCCs and log-mel spectrogram. Level-dependent quantities are taken relative
/// to the clip itself, so that recording gain does not move them.
/// </summary>
/// <remarks>
/// Features, in order:
/// <list type="bullet">
/// <item><c>mfcc_delta_std_k</c> (k &lt; n_mfcc): standard deviation of each coefficient's frame-to-frame
/// change (librosa's <c>delta</c> with width 5): how fast the timbre moves.</item>
/// <item><c>logmel_b_mean</c>, <c>logmel_b_std</c> (b &lt; 32): each group of adjacent mel bands in dB,
/// its mean over time minus the clip's mean over all bands and frames, and its standard deviation.</item>
/// <item><c>energy_p10</c>, <c>energy_p50</c>, <c>energy_p90</c>, <c>energy_std</c>, <c>energy_slope</c>:
/// the frame energy contour (dB, relative to the loudest frame): percentiles, spread, and the
/// least-squares slope in dB per second.</item>
/// <item><c>mel_centroid_mean/std</c>, <c>mel_flatness_mean/std</c>: per frame, the power-weighted mean
/// mel band (0-1) and the ratio of geometric to arithmetic mean power.</item>
/// </list>
/// </remarks>
public sealed class SpectralFunctionals : IFeatureSet
{
    /// <summary>Groups of adjacent mel bands whose levels are summarised.</summary>
    public const int BandGroups = 32;

    /// <summary>Functionals over <paramref name="options"/>' MFCCs and mel spectrogram (at least 32 mel bands).</summary>
    public SpectralFunctionals(MfccOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MelBandCount < BandGroups)
            throw new ArgumentException($"{nameof(MfccOptions.MelBandCount)} must be at least {BandGroups} (got {options.MelBandCount}).", nameof(options));
        FeatureNames =
        [
            .. Enumerable.Range(0, options.CoefficientCount).Select(k => $"mfcc_delta_std_{k}"),
            .. Enumerable.Range(0, BandGroups).Select(b => $"logmel_{b}_mean"),
            .. Enumerable.Range(0, BandGroups).Select(b => $"logmel_{b}_std"),
            "energy_p10", "energy_p50", "energy_p90", "energy_std", "energy_slope",
            "mel_centroid_mean", "mel_centroid_std", "mel_flatness_mean", "mel_flatness_std",
        ];
    }

    /// <inheritdoc/>
    public string Name => "functionals";

    /// <inheritdoc/>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc/>
    public void Extract(AudioAnalysis analysis, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var mel = analysis.MelFrames;
        int at = 0;
        for (int k = 0; k < analysis.Options.Mfcc.CoefficientCount; k++)
            destination[at++] = (float)Functionals.MeanAndDeviation(analysis.MfccDeltas(k)).Deviation;
        at = BandStatistics(mel, destination, at);
        at = EnergyContour(mel, analysis.Options.Mfcc.SampleRate / (double)analysis.Options.Mfcc.HopLength, destination, at);
        Shape(mel, destination, at);
    }

    private static int BandStatistics(IReadOnlyList<float[]> mel, Span<float> destination, int at)
    {
        int bands = mel[0].Length, width = bands / BandGroups;
        double overall = mel.Average(frame => frame.Average());
        var grouped = new float[mel.Count];
        var deviations = new float[BandGroups];
        for (int g = 0; g < BandGroups; g++)
        {
            for (int f = 0; f < mel.Count; f++)
                grouped[f] = mel[f].AsSpan(g * width, width).ToArray().Average();
            var (mean, deviation) = Functionals.MeanAndDeviation(grouped);
            destination[at + g] = (float)(mean - overall);
            deviations[g] = (float)deviation;
        }
        deviations.CopyTo(destination[(at + BandGroups)..]);
        return at + 2 * BandGroups;
    }

    private static int EnergyContour(IReadOnlyList<float[]> mel, double framesPerSecond, Span<float> destination, int at)
    {
        // Frame energy in dB from the summed mel power, relative to the loudest frame.
        var energy = mel.Select(frame => 10 * Math.Log10(frame.Sum(db => Math.Pow(10, db / 10)))).ToArray();
        double peak = energy.Max();
        var relative = energy.Select(e => (float)(e - peak)).ToArray();
        double[] sorted = [.. relative.Select(e => (double)e).Order()];
        destination[at++] = (float)Functionals.Percentile(sorted, 0.1);
        destination[at++] = (float)Functionals.Percentile(sorted, 0.5);
        destination[at++] = (float)Functionals.Percentile(sorted, 0.9);
        destination[at++] = (float)Functionals.MeanAndDeviation(relative).Deviation;
        destination[at++] = (float)(Functionals.Slope(relative) * framesPerSecond);
        return at;
    }

    private static void Shape(IReadOnlyList<float[]> mel, Span<float> destination, int at)
    {
        var centroids = new float[mel.Count];
        var flatness = new float[mel.Count];
        for (int f = 0; f < mel.Count; f++)
        {
            var power = mel[f].Select(db => Math.Pow(10, db / 10)).ToArray();
            double total = power.Sum();
            centroids[f] = (float)(power.Select((p, b) => p * b).Sum() / total / (power.Length - 1));
            flatness[f] = (float)(Math.Exp(power.Average(Math.Log)) / (total / power.Length));
        }
        var (centroidMean, centroidDeviation) = Functionals.MeanAndDeviation(centroids);
        var (flatnessMean, flatnessDeviation) = Functionals.MeanAndDeviation(flatness);
        destination[at] = (float)centroidMean;
        destination[at + 1] = (float)centroidDeviation;
        destination[at + 2] = (float)flatnessMean;
        destination[at + 3] = (float)flatnessDeviation;
    }
}
