using Emotion.Bundle;
using Emotion.Prediction;

namespace Emotion.App;

/// <summary>An error a person can act on.</summary>
/// <param name="Error">What went wrong and what to do.</param>
/// <param name="LimitBytes">The upload limit, on 413 answers.</param>
public sealed record ErrorResponse(string Error, long? LimitBytes = null);

/// <summary>GET /api/health.</summary>
public sealed record HealthResponse(string Status, string Model, IReadOnlyList<string> Labels);

/// <summary>One timeline window.</summary>
public sealed record TimelineEntry(double Start, double End, string Emotion, float Confidence);

/// <summary>
/// The log-mel spectrogram the model analysed, for drawing: <see cref="Data"/> is base64 of frames ×
/// bands bytes, frame-major, 0 = <see cref="FloorDb"/> and 255 = <see cref="CeilingDb"/>; it covers
/// <see cref="Start"/> to <see cref="End"/> seconds of the clip (the silence around the utterance trimmed)
/// and 0 to <see cref="TopHz"/> on a mel scale.
/// </summary>
public sealed record SpectrogramResponse(int Frames, int Bands, double FloorDb, double CeilingDb, double Start, double End, double TopHz, string Data);

/// <summary>A reason to doubt the answer.</summary>
/// <param name="Kind">low-confidence, narrow-band or clipped.</param>
/// <param name="Message">The doubt in a sentence.</param>
public sealed record CautionEntry(string Kind, string Message);

/// <summary>POST /api/predict.</summary>
/// <param name="Emotion">The most probable emotion of the whole clip.</param>
/// <param name="Confidence">Its probability (calibrated on held-out speakers when the model calibrates).</param>
/// <param name="Unsure">Whether the answer is one to doubt; <see cref="Cautions"/> say why.</param>
/// <param name="Cautions">Every reason to doubt the answer, in plain words.</param>
/// <param name="BandwidthHz">The highest frequency the recording carries.</param>
/// <param name="Probabilities">Every label's probability.</param>
/// <param name="Duration">Clip length in seconds.</param>
/// <param name="Timeline">Sliding-window emotions for long clips; empty otherwise.</param>
/// <param name="Waveform">Min and max sample of equal slices of the clip.</param>
/// <param name="Spectrogram">The log-mel spectrogram.</param>
public sealed record PredictResponse(
    string Emotion, float Confidence, bool Unsure, IReadOnlyList<CautionEntry> Cautions, double BandwidthHz, IReadOnlyDictionary<string, float> Probabilities, double Duration,
    IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<float[]> Waveform, SpectrogramResponse Spectrogram)
{
    /// <summary>The response for an analysis made with <paramref name="bundle"/>.</summary>
    public static PredictResponse From(ClipAnalysis analysis, ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(bundle);
        var labels = bundle.Model.Labels;
        return new PredictResponse(
            analysis.Prediction.Emotion,
            Round(analysis.Prediction.Confidence),
            analysis.Verdict.Unsure,
            [.. analysis.Verdict.Cautions.Select(c => new CautionEntry(KindName(c.Kind), c.Message))],
            Math.Round(analysis.Verdict.Bandwidth),
            labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => Round(analysis.Prediction.Probabilities[p.i])),
            Math.Round(analysis.Duration.TotalSeconds, 3),
            [.. analysis.Timeline.Select(t => new TimelineEntry(Math.Round(t.Start, 2), Math.Round(t.End, 2), t.Emotion, Round(t.Confidence)))],
            [.. analysis.Waveform.Select(w => new[] { Round(w.Min), Round(w.Max) })],
            Quantize(analysis.Spectrogram));
    }

    private static float Round(float value) => MathF.Round(value, 4);

    private static string KindName(CautionKind kind) => kind switch
    {
        CautionKind.LowConfidence => "low-confidence",
        CautionKind.NarrowBand => "narrow-band",
        CautionKind.Clipped => "clipped",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "a caution the API has no name for"),
    };

    private static SpectrogramResponse Quantize(SpectrogramView view)
    {
        var frames = view.Frames;
        int bands = frames.Length == 0 ? 0 : frames[0].Length;
        double ceiling = frames.Length == 0 ? 0 : frames.Max(f => f.Max());
        double range = view.TopDecibels, floor = ceiling - range;
        var bytes = new byte[frames.Length * bands];
        for (int f = 0; f < frames.Length; f++)
        {
            for (int b = 0; b < bands; b++)
                bytes[f * bands + b] = (byte)Math.Clamp((frames[f][b] - floor) / range * 255, 0, 255);
        }
        return new SpectrogramResponse(frames.Length, bands, Math.Round(floor, 1), Math.Round(ceiling, 1), Math.Round(view.Start, 3), Math.Round(view.End, 3), Math.Round(view.TopFrequency), Convert.ToBase64String(bytes));
    }
}
