using NLayer;
using NVorbis;

namespace Emotion.Audio;

/// <summary>MP3 through NLayer and Ogg Vorbis through NVorbis, both fully managed.</summary>
internal static class CompressedDecoders
{
    /// <summary>True for an ID3 tag or an MPEG audio frame sync at the start.</summary>
    public static bool LooksLikeMp3(ReadOnlySpan<byte> content) =>
        (content.Length >= 3 && content[..3].SequenceEqual("ID3"u8))
        || (content.Length >= 2 && content[0] == 0xFF && (content[1] & 0xE0) == 0xE0);

    /// <summary>True for an Ogg page header at the start.</summary>
    public static bool LooksLikeOgg(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[..4].SequenceEqual("OggS"u8);

    public static AudioClip DecodeMp3(byte[] content, string name) => Decode(name, "MP3", () =>
    {
        using var mpeg = new MpegFile(new MemoryStream(content, writable: false));
        return ReadAll(mpeg.SampleRate, mpeg.Channels, mpeg.ReadSamples);
    });

    public static AudioClip DecodeOgg(byte[] content, string name) => Decode(name, "Ogg Vorbis", () =>
    {
        using var vorbis = new VorbisReader(new MemoryStream(content, writable: false), closeOnDispose: true);
        return ReadAll(vorbis.SampleRate, vorbis.Channels, vorbis.ReadSamples);
    });

    private static AudioClip Decode(string name, string format, Func<AudioClip> decode)
    {
        AudioClip clip;
        try
        {
            clip = decode();
        }
        catch (Exception e) when (e is not AudioFormatException)
        {
            // The decoders throw assorted exception types on damaged streams; the user needs one message.
            throw new AudioFormatException(name, $"corrupt or truncated {format} data ({e.Message})", e);
        }
        if (clip.Samples.Length == 0)
            throw new AudioFormatException(name, $"the {format} file holds no audio samples");
        return clip;
    }

    private static AudioClip ReadAll(int sampleRate, int channels, Func<float[], int, int, int> read)
    {
        if (sampleRate <= 0 || channels <= 0)
            throw new InvalidDataException($"stream reports {channels} channels at {sampleRate} Hz");
        var interleaved = new List<float>(sampleRate * channels * 4);
        var buffer = new float[8192 * channels];
        int count;
        while ((count = read(buffer, 0, buffer.Length)) > 0)
            interleaved.AddRange(buffer.AsSpan(0, count));
        return new AudioClip(Downmix(interleaved, channels), sampleRate);
    }

    private static float[] Downmix(List<float> interleaved, int channels)
    {
        var mono = new float[interleaved.Count / channels];
        for (int frame = 0; frame < mono.Length; frame++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++)
                sum += interleaved[frame * channels + c];
            mono[frame] = sum / channels;
        }
        return mono;
    }
}
