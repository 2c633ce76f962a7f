using System.Collections.Concurrent;

namespace Emotion.Features;

/// <summary>
/// The analysers behind <see cref="AudioAnalysis"/>, built once per settings: their filter banks
/// and tables cost more to make than to use. Settings come from code and bundles, so there are few.
/// </summary>
internal static class Extractors
{
    private static readonly ConcurrentDictionary<MfccOptions, MfccExtractor> MfccExtractors = new();
    private static readonly ConcurrentDictionary<MfccOptions, ChromaFilterBank> ChromaBanks = new();
    private static readonly ConcurrentDictionary<PitchOptions, PitchTracker> PitchTrackers = new();

    public static MfccExtractor Mfcc(MfccOptions options) => MfccExtractors.GetOrAdd(options, o => new MfccExtractor(o));

    public static ChromaFilterBank Chroma(MfccOptions options) => ChromaBanks.GetOrAdd(options, o => new ChromaFilterBank(o.SampleRate, o.FftSize));

    public static PitchTracker Pitch(PitchOptions options) => PitchTrackers.GetOrAdd(options, o => new PitchTracker(o));
}
