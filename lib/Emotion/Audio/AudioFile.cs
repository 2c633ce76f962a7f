namespace Emotion.Audio;

/// <summary>
/// Reads audio files into mono <see cref="AudioClip"/>s (librosa's <c>load</c>): decode, average the
/// channels, resample to the analysis rate. WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus and WebM Opus; the
/// extension chooses the decoder and the content must agree with it (.ogg holds either Ogg codec).
/// </summary>
public static class AudioFile
{
    /// <summary>The extensions this class decodes, lower case with the dot.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".wav", ".flac", ".mp3", ".ogg", ".opus", ".webm"];

    /// <summary>Loads <paramref name="path"/> as mono at 22050 Hz.</summary>
    /// <exception cref="AudioFormatException">The file is missing, unreadable, corrupt or not supported audio.</exception>
    public static AudioClip Load(string path) => Load(path, AudioLoadOptions.Default);

    /// <summary>Loads <paramref name="path"/> as mono at <see cref="AudioLoadOptions.SampleRate"/>.</summary>
    /// <exception cref="AudioFormatException">The file is missing, unreadable, corrupt or not supported audio.</exception>
    /// <exception cref="UnusableClipException">The audio is longer than <see cref="AudioLimits.MaximumDuration"/>.</exception>
    public static AudioClip Load(string path, AudioLoadOptions? options, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= AudioLoadOptions.Default;
        return Load(ReadAllBytes(path, options.Limits.MaximumFileBytes), path, options, cancel);
    }

    /// <summary>
    /// Decodes in-memory file <paramref name="content"/>; <paramref name="name"/> supplies the extension
    /// and names the audio in errors (an upload's file name, say; it is never opened).
    /// </summary>
    /// <exception cref="AudioFormatException">The content is empty, corrupt or not supported audio.</exception>
    /// <exception cref="UnusableClipException">The audio is longer than <see cref="AudioLimits.MaximumDuration"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was signalled.</exception>
    public static AudioClip Load(byte[] content, string name, AudioLoadOptions? options = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(name);
        options ??= AudioLoadOptions.Default;
        var clip = Decode(content, name, options.Limits, cancel);
        options.Limits.CheckSamples(name, clip.Samples);
        return options.SampleRate is int rate ? clip.Resample(rate, options.Resampler, cancel) : clip;
    }

    /// <summary>Reads a whole file of at most <paramref name="maximumBytes"/>, turning I/O failures into <see cref="AudioFormatException"/>.</summary>
    public static byte[] ReadAllBytes(string path, long maximumBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            long length = new FileInfo(path).Length;
            if (length > maximumBytes)
                throw new AudioFormatException(path, $"the file has {length / (1 << 20)} MiB; audio files up to {maximumBytes / (1 << 20)} MiB are read");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string problem = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                UnauthorizedAccessException => "permission denied",
                _ => $"cannot be read ({e.Message})",
            };
            throw new AudioFormatException(path, problem, e);
        }
    }

    private static AudioClip Decode(byte[] content, string name, AudioLimits limits, CancellationToken cancel)
    {
        string extension = Path.GetExtension(name).ToLowerInvariant();
        if (!SupportedExtensions.Contains(extension))
        {
            string what = extension.Length == 0 ? "has no extension" : $"has extension '{extension}'";
            throw new AudioFormatException(name, $"{what}; supported audio is {string.Join(", ", SupportedExtensions)}");
        }
        if (content.Length == 0)
            throw new AudioFormatException(name, "the file is empty (0 bytes)");

        string? actual = Sniff(content);
        return (extension, actual) switch
        {
            (".wav", "WAV") => WavDecoder.Decode(content, name, limits, cancel),
            (".flac", "FLAC") => FlacDecoder.Decode(content, name, limits, cancel),
            (".mp3", "MP3") => CompressedDecoders.DecodeMp3(content, name, limits, cancel),
            (".ogg", "Ogg") => CompressedDecoders.DecodeOgg(content, name, limits, cancel),
            (".ogg" or ".opus", "Ogg Opus") => OpusDecoder.DecodeOgg(content, name, limits, cancel),
            (".webm", "WebM") => WebmDemuxer.Decode(content, name, limits, cancel),
            (_, null) => throw new AudioFormatException(name, $"not audio: {Expected(extension)}, and the content matches no other format this reader knows"),
            _ => throw new AudioFormatException(name, $"wrong extension: named '{extension}' but the content is {actual}; rename it to match"),
        };
    }

    private static string Expected(string extension) => extension switch
    {
        ".wav" => "no RIFF/WAVE header",
        ".flac" => "no fLaC marker",
        ".webm" => "no EBML header",
        ".mp3" => "no ID3 tag or MPEG frame sync",
        _ => "no OggS page header",
    };

    private static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith("RIFF"u8) ? "WAV"
        : FlacDecoder.LooksLikeFlac(content) ? "FLAC"
        : WebmDemuxer.LooksLikeWebm(content) ? "WebM"
        : CompressedDecoders.LooksLikeOgg(content) ? OpusDecoder.IsOgg(content) ? "Ogg Opus" : "Ogg"
        : CompressedDecoders.LooksLikeMp3(content) ? "MP3"
        : null;
}
