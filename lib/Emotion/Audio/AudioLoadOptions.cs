namespace Emotion.Audio;

/// <summary>How <see cref="AudioFile.Load(string, AudioLoadOptions?, CancellationToken)"/> prepares audio (librosa's <c>load</c> arguments).</summary>
public sealed record AudioLoadOptions
{
    /// <summary>The rate to resample to (<c>sr</c>); null keeps the file's own rate. Default 22050 Hz.</summary>
    public int? SampleRate { get; init; } = 22050;

    /// <summary>The resampler's filter design. Default <see cref="ResamplerOptions.Default"/>.</summary>
    public ResamplerOptions Resampler { get; init; } = ResamplerOptions.Default;

    /// <summary>What a file may declare: rates, channels, duration. Default <see cref="AudioLimits.Default"/>.</summary>
    public AudioLimits Limits { get; init; } = AudioLimits.Default;

    /// <summary>librosa's defaults: mono, 22050 Hz, high-quality band-limited resampling.</summary>
    public static AudioLoadOptions Default { get; } = new();
}
