namespace Emotion.Features;

/// <summary>
/// A named group of clip-level features (the 80 MFCC statistics, say), computed from the clip's
/// shared <see cref="AudioAnalysis"/>. Sets sit side by side in a <see cref="FeatureExtractor"/>;
/// callers see only the combined, named vector. Implementations are immutable and thread-safe.
/// </summary>
public interface IFeatureSet
{
    /// <summary>Short name of the set, e.g. <c>mfcc</c>.</summary>
    string Name { get; }

    /// <summary>The column names of the values <see cref="Extract"/> writes, in order.</summary>
    IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Writes the set's <see cref="FeatureNames"/>.Count values for <paramref name="analysis"/> into <paramref name="destination"/>.</summary>
    void Extract(AudioAnalysis analysis, Span<float> destination);
}
