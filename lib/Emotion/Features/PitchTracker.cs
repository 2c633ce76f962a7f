using System.Numerics.Tensors;
using Emotion.Audio;

namespace Emotion.Features;

/// <summary>Settings of the <see cref="PitchTracker"/>.</summary>
public sealed record PitchOptions
{
    /// <summary>Rate the tracker analyses at, in Hz; clips are resampled to it. Default 11025 (enough for pitch up to 1 kHz).</summary>
    public int AnalysisRate { get; init; } = 11025;

    /// <summary>Lowest pitch searched, in Hz. Default 55.</summary>
    public double MinimumPitch { get; init; } = 55;

    /// <summary>Highest pitch searched, in Hz (RAVDESS's sung notes reach about 900 Hz). Default 1000.</summary>
    public double MaximumPitch { get; init; } = 1000;

    /// <summary>Analysis window, in seconds. Default 0.04.</summary>
    public double WindowSeconds { get; init; } = 0.04;

    /// <summary>Frame step, in seconds. Default 0.01.</summary>
    public double HopSeconds { get; init; } = 0.01;

    /// <summary>YIN's threshold on the cumulative-mean-normalised difference: below it a frame is periodic. Default 0.15.</summary>
    public double Threshold { get; init; } = 0.15;

    /// <summary>Frames quieter than the loudest frame by more than this many dB count as silence. Default 40.</summary>
    public double SilenceDecibels { get; init; } = 40;

    /// <summary>The defaults.</summary>
    public static PitchOptions Default { get; } = new();
}

/// <summary>One analysis frame of a <see cref="PitchTrack"/>.</summary>
/// <param name="Pitch">Fundamental frequency in Hz, or NaN where the frame is unvoiced or silent.</param>
/// <param name="Periodicity">Normalised autocorrelation at the pitch period (0-1; 0 where unvoiced): how harmonic the frame is.</param>
/// <param name="Decibels">Frame level in dB relative to the clip's loudest frame (0 or below).</param>
/// <param name="Sounding">False where the frame is silence (below <see cref="PitchOptions.SilenceDecibels"/>).</param>
/// <param name="Aperiodicity">
/// YIN's lowest cumulative-mean-normalised difference over the periods searched: near 0 for a clean
/// periodic frame, under <see cref="PitchOptions.Threshold"/> where a pitch was found, around 1 or
/// more for noise; 1 where silent. How near the frame came to a pitch, even where it found none.
/// </param>
public readonly record struct PitchFrame(double Pitch, double Periodicity, double Decibels, bool Sounding, double Aperiodicity)
{
    /// <summary>Whether the frame has a pitch.</summary>
    public bool Voiced => !double.IsNaN(Pitch);
}

/// <summary>A clip's frames at <paramref name="HopSeconds"/> steps.</summary>
/// <param name="Frames">The frames, in time order.</param>
/// <param name="HopSeconds">Seconds between frames.</param>
public sealed record PitchTrack(IReadOnlyList<PitchFrame> Frames, double HopSeconds);

/// <summary>
/// Fundamental frequency by YIN (de Cheveigné and Kawahara, 2002): the lag where the
/// cumulative-mean-normalised squared difference first dips below a threshold, refined by a
/// parabola; then a 5-frame median over voiced runs removes isolated octave jumps.
/// </summary>
public sealed class PitchTracker(PitchOptions options)
{
    /// <summary>A tracker with <see cref="PitchOptions.Default"/>.</summary>
    public PitchTracker() : this(PitchOptions.Default) { }

    /// <summary>The settings.</summary>
    public PitchOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Tracks the pitch of <paramref name="clip"/> (any rate; resampled to <see cref="PitchOptions.AnalysisRate"/>).</summary>
    public PitchTrack Track(AudioClip clip, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        int rate = Options.AnalysisRate;
        var samples = clip.SampleRate == rate ? clip.Samples : Resampler.Resample(clip.Samples, clip.SampleRate, rate, cancel: cancel);
        int window = (int)Math.Round(Options.WindowSeconds * rate);
        int hop = (int)Math.Round(Options.HopSeconds * rate);
        int minLag = (int)Math.Floor(rate / Options.MaximumPitch);
        int maxLag = (int)Math.Ceiling(rate / Options.MinimumPitch);
        int frameCount = Math.Max(0, (samples.Length - window - maxLag - 1) / hop + 1);

        // Each frame's energy serves both its level and YIN's zero-lag term.
        var energy = new double[frameCount];
        for (int f = 0; f < frameCount; f++)
        {
            var frame = samples.AsSpan(f * hop, window);
            energy[f] = TensorPrimitives.Dot(frame, frame);
        }
        double loudest = frameCount > 0 ? energy.Max() : 0;

        var frames = new PitchFrame[frameCount];
        var difference = new double[maxLag + 2];
        for (int f = 0; f < frameCount; f++)
        {
            if ((f & 0xFF) == 0)
                cancel.ThrowIfCancellationRequested();
            double decibels = loudest > 0 && energy[f] > 0 ? 10 * Math.Log10(energy[f] / loudest) : double.NegativeInfinity;
            bool sounding = decibels > -Options.SilenceDecibels;
            var (period, periodicity, aperiodicity) = sounding ? Yin(samples.AsSpan(f * hop, window + maxLag + 1), energy[f], window, minLag, maxLag, difference) : (double.NaN, 0, 1);
            frames[f] = new PitchFrame(rate / period, periodicity, Math.Max(decibels, -120), sounding, aperiodicity);
        }
        return new PitchTrack(MedianSmooth(frames), hop / (double)rate);
    }

    /// <summary>The period in samples (fractional) and the periodicity of one frame of energy <paramref name="e0"/>, or NaN when aperiodic; and the lowest normalised difference met.</summary>
    private (double Period, double Periodicity, double Aperiodicity) Yin(ReadOnlySpan<float> x, double e0, int window, int minLag, int maxLag, double[] d)
    {
        var head = x[..window];
        if (e0 <= 0)
            return (double.NaN, 0, 1);
        // d(τ) = e0 + eτ − 2·r(τ), eτ slid along one sample at a time.
        double eTau = e0;
        double cumulative = 0;
        d[0] = 1;
        int found = -1, dip = -1;
        double lowest = 1;
        for (int tau = 1; tau <= maxLag + 1 && tau < x.Length - window + 1; tau++)
        {
            eTau += (double)x[tau + window - 1] * x[tau + window - 1] - (double)x[tau - 1] * x[tau - 1];
            double raw = Math.Max(0, e0 + eTau - 2 * TensorPrimitives.Dot(head, x.Slice(tau, window)));
            cumulative += raw;
            d[tau] = cumulative > 0 ? raw * tau / cumulative : 1;
            if (tau >= minLag && tau <= maxLag)
                lowest = Math.Min(lowest, d[tau]);
            if (found < 0 && tau >= minLag && d[tau] < Options.Threshold)
                found = tau;
            // Past the first dip, follow it down to its local minimum.
            if (found >= 0 && tau > found && d[tau] >= d[tau - 1])
            {
                dip = tau - 1;
                break;
            }
        }
        if (dip < 0 && found >= 0)
            dip = Math.Min(found, maxLag);
        if (dip < 0)
            return (double.NaN, 0, lowest);
        var (period, periodicity) = Refine(x, head, e0, window, dip, d);
        return (period, periodicity, lowest);
    }

    private static (double Period, double Periodicity) Refine(ReadOnlySpan<float> x, ReadOnlySpan<float> head, double e0, int window, int tau, double[] d)
    {
        var lagged = x.Slice(tau, window);
        double r = TensorPrimitives.Dot(head, lagged) / Math.Sqrt(e0 * TensorPrimitives.Dot(lagged, lagged));
        double offset = 0;
        if (tau + 1 < d.Length && tau > 1)
        {
            double curvature = d[tau - 1] - 2 * d[tau] + d[tau + 1];
            if (curvature > 0)
                offset = Math.Clamp(0.5 * (d[tau - 1] - d[tau + 1]) / curvature, -0.5, 0.5);
        }
        return (tau + offset, Math.Clamp(r, 0, 1));
    }

    /// <summary>A 5-frame median of pitch inside each voiced run (runs shorter than 5 are kept as they are).</summary>
    private static PitchFrame[] MedianSmooth(PitchFrame[] frames)
    {
        var smoothed = (PitchFrame[])frames.Clone();
        Span<double> neighbours = stackalloc double[5];
        for (int f = 2; f < frames.Length - 2; f++)
        {
            bool run = true;
            for (int k = -2; k <= 2; k++)
                run &= frames[f + k].Voiced;
            if (!run)
                continue;
            for (int k = -2; k <= 2; k++)
                neighbours[k + 2] = frames[f + k].Pitch;
            neighbours.Sort();
            smoothed[f] = frames[f] with { Pitch = neighbours[2] };
        }
        return smoothed;
    }
}
