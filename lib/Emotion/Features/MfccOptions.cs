using System.Globalization;

namespace Emotion.Features;

/// <summary>
/// Settings of <see cref="MfccExtractor"/>. The defaults are librosa's (<c>librosa.feature.mfcc</c>
/// with <c>n_mfcc=40</c>): 2048-point FFT, hop 512, periodic Hann, centred frames with zero padding,
/// power spectrum, 128 Slaney mel bands with Slaney area normalisation from 0 Hz to Nyquist,
/// <c>power_to_db</c> with ref 1, amin 1e-10, top_db 80, and an orthonormal DCT-II.
/// </summary>
public sealed record MfccOptions
{
    /// <summary>Analysis sample rate in Hz (<c>sr</c>). Default 22050.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>Number of cepstral coefficients kept (<c>n_mfcc</c>). Default 40.</summary>
    public int CoefficientCount { get; init; } = 40;

    /// <summary>FFT and frame length in samples (<c>n_fft</c>); a power of two. Default 2048.</summary>
    public int FftSize { get; init; } = 2048;

    /// <summary>Frame hop in samples (<c>hop_length</c>). Default 512.</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Number of mel bands (<c>n_mels</c>). Default 128.</summary>
    public int MelBandCount { get; init; } = 128;

    /// <summary>Lowest mel band edge in Hz (<c>fmin</c>). Default 0.</summary>
    public double LowFrequency { get; init; }

    /// <summary>Highest mel band edge in Hz (<c>fmax</c>); null means Nyquist. Default null.</summary>
    public double? HighFrequency { get; init; }

    /// <summary>Floor under the mel power before the logarithm (<c>amin</c>). Default 1e-10.</summary>
    public double PowerFloor { get; init; } = 1e-10;

    /// <summary>Dynamic range kept below the clip's loudest mel bin, in dB (<c>top_db</c>); null keeps all. Default 80.</summary>
    public double? TopDecibels { get; init; } = 80;

    /// <summary>Centre frames on their time stamps by padding n_fft/2 zeros each side (<c>center</c>). Default true.</summary>
    public bool Center { get; init; } = true;

    /// <summary>librosa's defaults with 40 coefficients, as the reference analysis used.</summary>
    public static MfccOptions Librosa { get; } = new();

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (SampleRate <= 0)
            errors.Add($"{nameof(SampleRate)} must be positive (got {SampleRate})");
        if (FftSize < 16 || (FftSize & (FftSize - 1)) != 0)
            errors.Add($"{nameof(FftSize)} must be a power of two of at least 16 (got {FftSize})");
        if (HopLength <= 0)
            errors.Add($"{nameof(HopLength)} must be positive (got {HopLength})");
        if (MelBandCount <= 0)
            errors.Add($"{nameof(MelBandCount)} must be positive (got {MelBandCount})");
        if (CoefficientCount <= 0 || CoefficientCount > MelBandCount)
            errors.Add($"{nameof(CoefficientCount)} must be between 1 and {nameof(MelBandCount)} ({MelBandCount}) (got {CoefficientCount})");
        double high = HighFrequency ?? SampleRate / 2.0;
        if (LowFrequency < 0 || LowFrequency >= high || high > SampleRate / 2.0)
            errors.Add($"mel band edges must satisfy 0 <= {nameof(LowFrequency)} < {nameof(HighFrequency)} <= Nyquist (got {LowFrequency} and {high} at {SampleRate} Hz)");
        if (PowerFloor <= 0)
            errors.Add($"{nameof(PowerFloor)} must be positive (got {PowerFloor})");
        if (TopDecibels is < 0)
            errors.Add($"{nameof(TopDecibels)} must be non-negative (got {TopDecibels})");
        return errors;
    }

    /// <summary>A stable, culture-independent description of every setting, for cache keys and model bundles.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"mfcc(sr={SampleRate},n_mfcc={CoefficientCount},n_fft={FftSize},hop={HopLength},n_mels={MelBandCount},fmin={LowFrequency:R},fmax={HighFrequency?.ToString("R", CultureInfo.InvariantCulture) ?? "nyquist"},amin={PowerFloor:R},top_db={TopDecibels?.ToString("R", CultureInfo.InvariantCulture) ?? "none"},center={Center})");

    internal void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid MFCC options: " + string.Join("; ", errors));
    }
}
