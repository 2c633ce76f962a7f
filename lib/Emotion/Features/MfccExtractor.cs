using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Emotion.Audio;
using Emotion.Internal;
using NWaves.Filters.Fda;

namespace Emotion.Features;

/// <summary>
/// Mel-frequency cepstral coefficients exactly as librosa computes them.
/// </summary>
/// <remarks>
/// Steps, with librosa's names: (1) pad n_fft/2 zeros each side (<c>center=True</c>); (2) cut
/// frames of n_fft every hop_length samples and apply a periodic Hann window; (3) power spectrum
/// |FFT|², eight frames at a time in SIMD lanes (<c>LanePowerSpectrum</c>, checked against NWaves'
/// real FFT, which it outruns several times over); (4) 128 triangular Slaney mel filters with area normalisation
/// (NWaves' <c>MelBankSlaney</c>); (5) <c>power_to_db</c>: 10·log10(max(amin, S)), then clamp to
/// top_db below the clip's loudest bin; (6) orthonormal DCT-II, first n_mfcc coefficients.
/// Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class MfccExtractor
{
    private readonly MfccOptions _options;
    private readonly float[] _window;
    private readonly MelBand[] _melBands;
    private readonly float[] _dct;

    /// <summary>Creates an extractor with librosa's defaults (<see cref="MfccOptions.Librosa"/>).</summary>
    public MfccExtractor() : this(MfccOptions.Librosa) { }

    /// <summary>Creates an extractor; throws once listing every problem in <paramref name="options"/>.</summary>
    public MfccExtractor(MfccOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _options = options;
        _window = PeriodicHann(options.FftSize);
        _melBands = MelBand.FromDense(FilterBanks.MelBankSlaney(options.MelBandCount, options.FftSize, options.SampleRate,
            options.LowFrequency, options.HighFrequency ?? options.SampleRate / 2.0, normalizeGain: true));
        _dct = OrthonormalDct(options.CoefficientCount, options.MelBandCount);
    }

    /// <summary>The settings in force.</summary>
    public MfccOptions Options => _options;

    /// <summary>Number of frames a signal of <paramref name="sampleCount"/> samples yields.</summary>
    public int FrameCount(int sampleCount) => _options.Center
        ? 1 + sampleCount / _options.HopLength
        : sampleCount < _options.FftSize ? 0 : 1 + (sampleCount - _options.FftSize) / _options.HopLength;

    /// <summary>
    /// MFCCs of <paramref name="clip"/>, shaped like librosa's output: one row per coefficient
    /// (n_mfcc rows), one column per frame.
    /// </summary>
    /// <exception cref="ArgumentException">The clip's rate is not <see cref="MfccOptions.SampleRate"/>, or it is too short for one frame.</exception>
    public float[][] Extract(AudioClip clip)
    {
        int frames = FramesOf(clip);
        if (frames == 0)
            throw new ArgumentException($"The clip has {clip.Samples.Length} samples, fewer than one {_options.FftSize}-sample frame.", nameof(clip));
        return Cepstrum(Spectrogram(clip.Samples, frames, null, default).MelDecibels, frames);
    }

    /// <summary>
    /// The clip's log-mel spectrogram in dB after the top_db clamp (librosa's
    /// <c>power_to_db(melspectrogram(...))</c>): one row per frame, one column per mel band, low to high.
    /// </summary>
    public float[][] MelSpectrogram(AudioClip clip)
    {
        int frames = FramesOf(clip);
        return frames == 0 ? [] : Rows(Spectrogram(clip.Samples, frames, null, default).MelDecibels, _options.MelBandCount);
    }

    /// <summary>
    /// MFCCs of a log-mel spectrogram (frames × mel bands, row-major, as <see cref="Spectrogram"/>
    /// gives it), shaped like <see cref="Extract(AudioClip)"/>'s output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal float[][] Cepstrum(ReadOnlySpan<float> decibels, int frames)
    {
        int bands = _options.MelBandCount, count = _options.CoefficientCount;
        var mfcc = new float[count][];
        for (int k = 0; k < count; k++)
            mfcc[k] = new float[frames];
        for (int f = 0; f < frames; f++)
        {
            var row = decibels.Slice(f * bands, bands);
            for (int k = 0; k < count; k++)
                mfcc[k][f] = TensorPrimitives.Dot(_dct.AsSpan(k * bands, bands), row);
        }
        return mfcc;
    }

    /// <summary>The rows of a row-major <paramref name="width"/>-column matrix, as arrays.</summary>
    internal static float[][] Rows(float[] matrix, int width)
    {
        var rows = new float[matrix.Length / width][];
        for (int r = 0; r < rows.Length; r++)
            rows[r] = matrix.AsSpan(r * width, width).ToArray();
        return rows;
    }

    /// <summary>The clip's frame count, after checking it is at the analysis rate.</summary>
    internal int FramesOf(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != _options.SampleRate)
            throw new ArgumentException($"The clip is at {clip.SampleRate} Hz but the extractor analyses {_options.SampleRate} Hz; resample it first.", nameof(clip));
        return FrameCount(clip.Samples.Length);
    }

    /// <summary>
    /// One pass of short-time power spectra over <paramref name="samples"/>: the log-mel spectrogram
    /// (frames × mel bands, row-major, dB after the top_db clamp) and, when a <paramref name="chroma"/>
    /// filter bank is given, its raw chroma energies (frames × its bins, row-major) from the same spectra.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal (float[] MelDecibels, float[]? Chroma) Spectrogram(float[] samples, int frames, ChromaFilterBank? chroma, CancellationToken cancel)
    {
        int fftSize = _options.FftSize, hop = _options.HopLength, bands = _options.MelBandCount;
        int pad = _options.Center ? fftSize / 2 : 0;
        using var pooled = new PooledBuffer<float>(Math.Max(samples.Length + 2 * pad, (frames - 1) * hop + fftSize));
        var padded = pooled.Span;
        padded[..pad].Clear();
        samples.CopyTo(padded[pad..]);
        padded[(pad + samples.Length)..].Clear();

        var mel = new float[frames * bands];
        var energies = chroma is null ? null : new float[frames * chroma.BinCount];
        var fft = new LanePowerSpectrum(fftSize);
        var power = new Vector<float>[fft.BinCount];
        var bandPower = new Vector<float>[Math.Max(bands, chroma?.BinCount ?? 0)];
        int lanes = LanePowerSpectrum.Lanes;
        for (int first = 0; first < frames; first += lanes)
        {
            if (first % (64 * lanes) == 0)
                cancel.ThrowIfCancellationRequested();
            int count = Math.Min(lanes, frames - first);
            fft.Compute(padded, first * hop, hop, count, _window, power);
            for (int b = 0; b < bands; b++)
                bandPower[b] = _melBands[b].Apply(power);
            Scatter(bandPower, bands, mel, first, count);
            if (chroma is not null)
            {
                chroma.Apply(power, bandPower);
                Scatter(bandPower, chroma.BinCount, energies!, first, count);
            }
        }

        float floor = (float)_options.PowerFloor;
        TensorPrimitives.Max(mel, floor, mel);
        TensorPrimitives.Log10(mel, mel);
        TensorPrimitives.Multiply(mel, 10f, mel);
        if (_options.TopDecibels is double topDb)
            TensorPrimitives.Max(mel, TensorPrimitives.Max(mel) - (float)topDb, mel);
        return (mel, energies);
    }

    /// <summary>Writes lane l of each of <paramref name="width"/> vectors into row first + l of a row-major matrix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scatter(Vector<float>[] values, int width, float[] matrix, int first, int count)
    {
        for (int lane = 0; lane < count; lane++)
        {
            var row = matrix.AsSpan((first + lane) * width, width);
            for (int b = 0; b < width; b++)
                row[b] = values[b][lane];
        }
    }

    /// <summary>scipy.signal.get_window('hann', n, fftbins=True): 0.5 − 0.5·cos(2πi/n).</summary>
    private static float[] PeriodicHann(int length)
    {
        var window = new float[length];
        for (int i = 0; i < length; i++)
            window[i] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / length));
        return window;
    }

    /// <summary>Rows 0..count−1 of the orthonormal DCT-II matrix for <paramref name="size"/> inputs (scipy's <c>norm='ortho'</c>).</summary>
    private static float[] OrthonormalDct(int count, int size)
    {
        var matrix = new float[count * size];
        for (int k = 0; k < count; k++)
        {
            double scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / size);
            for (int n = 0; n < size; n++)
                matrix[k * size + n] = (float)(scale * Math.Cos(Math.PI * k * (2 * n + 1) / (2.0 * size)));
        }
        return matrix;
    }

    /// <summary>One mel filter stored as its non-zero span of FFT bins.</summary>
    private readonly record struct MelBand(int FirstBin, float[] Weights)
    {
        /// <summary>Band power of every lane's frame.</summary>
        public Vector<float> Apply(ReadOnlySpan<Vector<float>> power)
        {
            var sum = Vector<float>.Zero;
            var bins = power.Slice(FirstBin, Weights.Length);
            for (int i = 0; i < bins.Length; i++)
                sum += bins[i] * Weights[i];
            return sum;
        }

        public static MelBand[] FromDense(float[][] filters) => [.. filters.Select(weights =>
        {
            int first = Array.FindIndex(weights, w => w != 0);
            if (first < 0)
                return new MelBand(0, []);
            int last = Array.FindLastIndex(weights, w => w != 0);
            return new MelBand(first, weights[first..(last + 1)]);
        })];
    }
}
