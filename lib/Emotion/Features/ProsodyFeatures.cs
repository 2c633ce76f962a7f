namespace Emotion.Features;

/// <summary>
/// Prosody in the spirit of eGeMAPS: pitch level, range and movement, voice quality and rhythm,
/// from a <see cref="PitchTracker"/> track. Levels are relative to the clip's loudest frame, so
/// gain does not move them. Where a clip has no voiced frame, the pitch values are 0.
/// </summary>
/// <remarks>
/// Features, in order:
/// <list type="bullet">
/// <item><c>pitch_mean_st</c>, <c>pitch_std_st</c>, <c>pitch_p10_st</c>, <c>pitch_p50_st</c>, <c>pitch_p90_st</c>,
/// <c>pitch_range_st</c>: pitch in semitones above 27.5 Hz over voiced frames; range is p90 − p10.</item>
/// <item><c>pitch_rise_mean</c>, <c>pitch_fall_mean</c>: mean speed of rising and of falling pitch between
/// adjacent voiced frames, in semitones per second (falls as positive numbers).</item>
/// <item><c>jitter_frame</c>: mean absolute change of the period between adjacent voiced frames,
/// relative to the mean period. A frame-level analogue of eGeMAPS's cycle-to-cycle jitter.</item>
/// <item><c>shimmer_frame</c>: mean absolute level change between adjacent voiced frames, in dB (the
/// frame-level analogue of shimmer).</item>
/// <item><c>hnr_mean</c>, <c>hnr_std</c>: harmonics-to-noise ratio 10·log10(r / (1 − r)) from the
/// periodicity r of voiced frames, in dB.</item>
/// <item><c>voiced_ratio</c>: voiced frames among sounding (non-silent) frames.</item>
/// <item><c>sounding_ratio</c>: sounding frames among all frames.</item>
/// <item><c>voiced_runs_per_s</c>, <c>voiced_run_mean_s</c>, <c>unvoiced_run_mean_s</c>: rhythm: voiced
/// stretches per second between the first and last sounding frame, their mean length, and the
/// mean length of the gaps between them.</item>
/// <item><c>voiced_level_mean_db</c>, <c>voiced_level_std_db</c>: level of voiced frames relative to the loudest frame.</item>
/// </list>
/// </remarks>
public sealed class ProsodyFeatures : IFeatureSet
{
    private const double ReferencePitch = 27.5;
    private const double MaximumHnr = 30;

    /// <inheritdoc/>
    public string Name => "prosody";

    /// <inheritdoc/>
    public IReadOnlyList<string> FeatureNames { get; } =
    [
        "pitch_mean_st", "pitch_std_st", "pitch_p10_st", "pitch_p50_st", "pitch_p90_st", "pitch_range_st",
        "pitch_rise_mean", "pitch_fall_mean", "jitter_frame", "shimmer_frame", "hnr_mean", "hnr_std",
        "voiced_ratio", "sounding_ratio", "voiced_runs_per_s", "voiced_run_mean_s", "unvoiced_run_mean_s",
        "voiced_level_mean_db", "voiced_level_std_db",
    ];

    /// <inheritdoc/>
    public void Extract(AudioAnalysis analysis, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var track = analysis.Pitch;
        var frames = track.Frames;
        destination.Clear();
        var voiced = frames.Where(f => f.Voiced).ToList();
        if (voiced.Count > 0)
        {
            var semitones = voiced.Select(f => 12 * Math.Log2(f.Pitch / ReferencePitch)).Order().ToArray();
            var (mean, deviation) = Functionals.MeanAndDeviation([.. semitones.Select(s => (float)s)]);
            destination[0] = (float)mean;
            destination[1] = (float)deviation;
            destination[2] = (float)Functionals.Percentile(semitones, 0.1);
            destination[3] = (float)Functionals.Percentile(semitones, 0.5);
            destination[4] = (float)Functionals.Percentile(semitones, 0.9);
            destination[5] = destination[4] - destination[2];
            var hnr = voiced.Select(f => (float)Hnr(f.Periodicity)).ToArray();
            (destination[10], destination[11]) = ToFloats(Functionals.MeanAndDeviation(hnr));
            var level = voiced.Select(f => (float)f.Decibels).ToArray();
            (destination[17], destination[18]) = ToFloats(Functionals.MeanAndDeviation(level));
        }
        Movement(frames, track.HopSeconds, destination);
        Rhythm(frames, track.HopSeconds, destination);
    }

    /// <summary>Pitch slopes, jitter and shimmer over adjacent voiced frames.</summary>
    private static void Movement(IReadOnlyList<PitchFrame> frames, double hop, Span<float> destination)
    {
        double rise = 0, fall = 0, jitter = 0, shimmer = 0, period = 0;
        int rises = 0, falls = 0, pairs = 0;
        for (int f = 1; f < frames.Count; f++)
        {
            var (a, b) = (frames[f - 1], frames[f]);
            if (!a.Voiced || !b.Voiced)
                continue;
            double slope = 12 * Math.Log2(b.Pitch / a.Pitch) / hop;
            if (slope > 0) { rise += slope; rises++; }
            else if (slope < 0) { fall -= slope; falls++; }
            jitter += Math.Abs(1 / b.Pitch - 1 / a.Pitch);
            period += 1 / a.Pitch;
            shimmer += Math.Abs(b.Decibels - a.Decibels);
            pairs++;
        }
        destination[6] = rises > 0 ? (float)(rise / rises) : 0;
        destination[7] = falls > 0 ? (float)(fall / falls) : 0;
        destination[8] = period > 0 ? (float)(jitter / period) : 0;
        destination[9] = pairs > 0 ? (float)(shimmer / pairs) : 0;
    }

    /// <summary>Voicing and rhythm between the first and last sounding frame.</summary>
    private static void Rhythm(IReadOnlyList<PitchFrame> frames, double hop, Span<float> destination)
    {
        int first = -1, last = -1, sounding = 0, voiced = 0;
        for (int f = 0; f < frames.Count; f++)
        {
            if (frames[f].Sounding)
            {
                if (first < 0)
                    first = f;
                last = f;
                sounding++;
            }
            if (frames[f].Voiced)
                voiced++;
        }
        destination[12] = sounding > 0 ? voiced / (float)sounding : 0;
        destination[13] = frames.Count > 0 ? sounding / (float)frames.Count : 0;
        if (first < 0)
            return;
        var voicedRuns = new List<int>();
        var gaps = new List<int>();
        int length = 0;
        bool inVoice = frames[first].Voiced;
        for (int f = first; f <= last + 1; f++)
        {
            bool v = f <= last && frames[f].Voiced;
            if (f <= last && v == inVoice)
            {
                length++;
                continue;
            }
            (inVoice ? voicedRuns : gaps).Add(length);
            (inVoice, length) = (v, 1);
        }
        destination[14] = (float)(voicedRuns.Count / ((last - first + 1) * hop));
        destination[15] = voicedRuns.Count > 0 ? (float)(voicedRuns.Average() * hop) : 0;
        destination[16] = gaps.Count > 0 ? (float)(gaps.Average() * hop) : 0;
    }

    private static double Hnr(double periodicity)
    {
        double r = Math.Clamp(periodicity, 1e-3, 1 - 1e-3);
        return Math.Min(MaximumHnr, 10 * Math.Log10(r / (1 - r)));
    }

    private static (float, float) ToFloats((double Mean, double Deviation) pair) => ((float)pair.Mean, (float)pair.Deviation);
}
