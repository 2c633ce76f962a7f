using System.Globalization;
using Emotion.Audio;

namespace Emotion.Features;

/// <summary>
/// A bag of audio words: how often each of a learned <see cref="AudioCodebook"/>'s words occurs in
/// the clip's frames (40 librosa MFCCs and their deltas per frame), named <c>word_0..word_{k−1}</c>.
/// Where the MFCC statistics keep only a mean and a spread per coefficient, the histogram keeps
/// which sounds occur; the codebook is learned from training clips, inside each training fold
/// when evaluated (<see cref="WordFrames"/>).
/// </summary>
public sealed class AudioWords : IFeatureSet
{
    private static readonly MfccExtractor Extractor = new();

    /// <summary>Counts the words of <paramref name="codebook"/>.</summary>
    public AudioWords(AudioCodebook codebook)
    {
        ArgumentNullException.ThrowIfNull(codebook);
        if (codebook.FrameLength != FrameLength)
            throw new ArgumentException($"The codebook's frames have {codebook.FrameLength} values, these {FrameLength}.", nameof(codebook));
        Codebook = codebook;
        FeatureNames = [.. Enumerable.Range(0, codebook.Options.CodebookSize).Select(k => $"word_{k}")];
    }

    /// <summary>Values per frame: the MFCCs, then their deltas.</summary>
    public static int FrameLength => 2 * Extractor.Options.CoefficientCount;

    /// <summary>The codebook counted.</summary>
    public AudioCodebook Codebook { get; }

    /// <inheritdoc/>
    public string Name => "words";

    /// <inheritdoc/>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <inheritdoc/>
    public int SampleRate => Extractor.Options.SampleRate;

    /// <inheritdoc/>
    public string Settings => string.Create(CultureInfo.InvariantCulture,
        $"{Codebook.Options.Describe()} codebook={Codebook.Fingerprint} frames=mfcc+delta(width=5) {Extractor.Options.Describe()}");

    /// <summary>The clip's frames, each its 40 MFCCs and then their deltas, what the codebook clusters.</summary>
    public static float[][] Frames(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var mfcc = Extractor.Extract(clip);
        var deltas = mfcc.Select(SpectralFunctionals.Delta).ToArray();
        int count = mfcc.Length;
        var frames = new float[mfcc[0].Length][];
        for (int t = 0; t < frames.Length; t++)
        {
            frames[t] = new float[2 * count];
            for (int k = 0; k < count; k++)
            {
                frames[t][k] = mfcc[k][t];
                frames[t][count + k] = deltas[k][t];
            }
        }
        return frames;
    }

    /// <inheritdoc/>
    public void Extract(AudioClip clip, Span<float> destination) => Codebook.Encode(Frames(clip), destination);
}
