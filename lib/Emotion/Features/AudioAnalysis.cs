using System.Numerics.Tensors;
using Emotion.Audio;

namespace Emotion.Features;

/// <summary>
/// Everything the feature sets, the timeline and the display read from one clip, each computed
/// once, on first use, and shared: the log-mel spectrogram and chroma energies (one pass of short-
/// time spectra), the MFCCs and their deltas, the pitch track. <see cref="Slice"/> gives the same
/// analysis over a stretch of frames without computing anything again. Thread-safe.
/// </summary>
/// <remarks>
/// Frames are the MFCC analysis's (<see cref="MfccOptions.HopLength"/> apart, centred as librosa
/// centres them); the pitch track has its own hop and is cut to the same stretch of time.
/// </remarks>
public sealed class AudioAnalysis
{
    private readonly Shared _shared;
    private readonly int _first;

    /// <summary>Analyses <paramref name="clip"/> (already at <paramref name="options"/>' MFCC sample rate) as <paramref name="options"/> set.</summary>
    /// <exception cref="ArgumentException">The clip is at another rate, or shorter than one frame.</exception>
    public AudioAnalysis(AudioClip clip, FeatureOptions options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(options);
        _shared = new Shared(clip, options, cancel);
        FrameCount = _shared.FrameCount;
    }

    private AudioAnalysis(Shared shared, int first, int count)
    {
        _shared = shared;
        _first = first;
        FrameCount = count;
    }

    /// <summary>Where the analysed clip starts in the audio it was prepared from (after trimming its leading silence).</summary>
    public TimeSpan ClipStart { get; init; }

    /// <summary>The clip analysed (the whole of it, also for a slice).</summary>
    public AudioClip Clip => _shared.Clip;

    /// <summary>The settings it was analysed with.</summary>
    public FeatureOptions Options => _shared.Options;

    /// <summary>Signalled when the work is no longer wanted; every computation checks it.</summary>
    public CancellationToken Cancellation => _shared.Cancel;

    /// <summary>Frames in this analysis (or slice).</summary>
    public int FrameCount { get; }

    /// <summary>Seconds between frames.</summary>
    public double FrameSeconds => (double)Options.Mfcc.HopLength / Options.Mfcc.SampleRate;

    /// <summary>Where this analysis starts in the clip.</summary>
    public TimeSpan Start => TimeSpan.FromSeconds(_first * FrameSeconds);

    /// <summary>Where it ends in the clip.</summary>
    public TimeSpan End => TimeSpan.FromSeconds(Math.Min((_first + FrameCount) * FrameSeconds, Clip.Duration.TotalSeconds));

    /// <summary>Log-mel spectrogram in dB after the top_db clamp: one row per frame, one column per mel band, low to high.</summary>
    public IReadOnlyList<float[]> MelFrames => new ArraySegment<float[]>(_shared.MelRows.Value, _first, FrameCount);

    /// <summary>MFCCs: one row per coefficient, one column per frame of this analysis.</summary>
    public ReadOnlySpan<float> Mfcc(int coefficient) => _shared.Mfcc.Value[coefficient].AsSpan(_first, FrameCount);

    /// <summary>Deltas of the MFCCs (librosa's <c>delta(width=5)</c> over the whole clip): one row per coefficient.</summary>
    public ReadOnlySpan<float> MfccDeltas(int coefficient) => _shared.Deltas.Value[coefficient].AsSpan(_first, FrameCount);

    /// <summary>Raw chroma energies of one frame (12 pitch classes, C first), from the power spectrum.</summary>
    public ReadOnlySpan<float> ChromaEnergies(int frame) => _shared.Chroma.Value.AsSpan((_first + frame) * ChromaBins, ChromaBins);

    /// <summary>The pitch track over this stretch of the clip.</summary>
    public PitchTrack Pitch
    {
        get
        {
            var track = _shared.Pitch.Value;
            int from = (int)Math.Round(Start.TotalSeconds / track.HopSeconds);
            int to = _first + FrameCount >= _shared.FrameCount ? track.Frames.Count : (int)Math.Round(End.TotalSeconds / track.HopSeconds);
            from = Math.Clamp(from, 0, track.Frames.Count);
            to = Math.Clamp(to, from, track.Frames.Count);
            return from == 0 && to == track.Frames.Count ? track : new PitchTrack([.. track.Frames.Skip(from).Take(to - from)], track.HopSeconds);
        }
    }

    /// <summary>Each frame's MFCCs followed by their deltas: the frames audio words are counted over.</summary>
    public FrameMatrix WordFrames()
    {
        int count = Options.Mfcc.CoefficientCount, width = 2 * count;
        var values = new float[FrameCount * width];
        for (int k = 0; k < count; k++)
        {
            var mfcc = Mfcc(k);
            var delta = MfccDeltas(k);
            for (int t = 0; t < FrameCount; t++)
            {
                values[t * width + k] = mfcc[t];
                values[t * width + count + k] = delta[t];
            }
        }
        return new FrameMatrix(values, width);
    }

    /// <summary>
    /// The highest frequency the recording carries: the centre of the highest mel band whose mean
    /// level over the analysis stands at least <paramref name="aboveFloorDecibels"/> above the floor of
    /// the spectrogram (its loudest bin less <c>top_db</c>, where empty bands sit). A studio recording
    /// reaches the top of the analysis (8 or 11 kHz); a telephone line, about 3.4 kHz.
    /// </summary>
    public double Bandwidth(double aboveFloorDecibels = 15)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(aboveFloorDecibels);
        var mel = MelFrames;
        int bands = mel[0].Length;
        var level = new double[bands];
        float loudest = float.NegativeInfinity;
        foreach (var frame in mel)
        {
            loudest = Math.Max(loudest, TensorPrimitives.Max(frame));
            for (int b = 0; b < bands; b++)
                level[b] += frame[b] / (double)mel.Count;
        }
        var mfcc = Options.Mfcc;
        double floor = loudest - (mfcc.TopDecibels ?? 120);
        int highest = Math.Max(0, Array.FindLastIndex(level, l => l - floor >= aboveFloorDecibels));
        double low = NWaves.Utils.Scale.HerzToMelSlaney(mfcc.LowFrequency);
        double high = NWaves.Utils.Scale.HerzToMelSlaney(mfcc.HighFrequency ?? mfcc.SampleRate / 2.0);
        return NWaves.Utils.Scale.MelToHerzSlaney(low + (highest + 1) * (high - low) / (bands + 1));
    }

    /// <summary>This analysis over <paramref name="count"/> frames from <paramref name="first"/> (relative to this one), sharing everything computed.</summary>
    public AudioAnalysis Slice(int first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + count, FrameCount);
        return new AudioAnalysis(_shared, _first + first, count) { ClipStart = ClipStart };
    }

    private const int ChromaBins = 12;

    /// <summary>The computations, once per clip, whichever slice asks first.</summary>
    private sealed class Shared
    {
        public Shared(AudioClip clip, FeatureOptions options, CancellationToken cancel)
        {
            Clip = clip;
            Options = options;
            Cancel = cancel;
            var extractor = Extractors.Mfcc(options.Mfcc);
            FrameCount = extractor.FramesOf(clip);
            if (FrameCount == 0)
                throw new ArgumentException($"The clip has {clip.Samples.Length} samples, fewer than one {options.Mfcc.FftSize}-sample frame.", nameof(clip));
            var spectra = new Lazy<(float[] Mel, float[]? Chroma)>(() => extractor.Spectrogram(clip.Samples, FrameCount,
                options.Sets.Contains(FeatureSetKind.Chroma) ? Extractors.Chroma(options.Mfcc) : null, cancel));
            Mel = new(() => spectra.Value.Mel);
            MelRows = new(() => MfccExtractor.Rows(Mel.Value, options.Mfcc.MelBandCount));
            Chroma = new(() => spectra.Value.Chroma
                ?? extractor.Spectrogram(clip.Samples, FrameCount, Extractors.Chroma(options.Mfcc), cancel).Chroma!);
            Mfcc = new(() => extractor.Cepstrum(Mel.Value, FrameCount));
            Deltas = new(() => [.. Mfcc.Value.Select(Functionals.Delta)]);
            Pitch = new(() => Extractors.Pitch(options.Pitch).Track(clip, cancel));
        }

        public AudioClip Clip { get; }

        public FeatureOptions Options { get; }

        public CancellationToken Cancel { get; }

        public int FrameCount { get; }

        public Lazy<float[]> Mel { get; }

        public Lazy<float[][]> MelRows { get; }

        public Lazy<float[]> Chroma { get; }

        public Lazy<float[][]> Mfcc { get; }

        public Lazy<float[][]> Deltas { get; }

        public Lazy<PitchTrack> Pitch { get; }
    }
}
