using Emotion.Audio;

namespace Emotion.Features;

/// <summary>
/// A named group of clip-level features (the 80 MFCC statistics, say). Sets plug into a
/// <see cref="FeatureExtractor"/> side by side; callers see only the combined, named vector.
/// Implementations must be immutable and safe to call from several threads at once.
/// </summary>
public interface IFeatureSet
{
    /// <summary>Short name of the set, e.g. <c>mfcc</c>.</summary>
    string Name { get; }

    /// <summary>The column names of the values <see cref="Extract"/> writes, in order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The sample rate, in Hz, the set analyses; clips arrive at this rate.</summary>
    int SampleRate { get; }

    /// <summary>A stable description of every setting that changes the output, for cache keys and model bundles.</summary>
    string Settings { get; }

    /// <summary>Writes the set's <see cref="FeatureNames"/>.Count values for <paramref name="clip"/> into <paramref name="destination"/>.</summary>
    void Extract(AudioClip clip, Span<float> destination);
}
