using NLayer;
using NVorbis;

namespace Emotion.Audio;

/// <summary>MP3 through NLayer and Ogg Vorbis through NVorbis, both fully managed.</summary>
internal static class CompressedDecoders
{
    /// <summary>Samples decoded per read: about 0.2 s of stereo at 48 kHz.</summary>
    private const int ReadSize = 16384;

    /// <summary>True for an ID3 tag or an MPEG audio frame sync at the start.</summary>
    public static bool LooksLikeMp3(ReadOnlySpan<byte> content) =>
        (content.Length >= 3 && content[..3].SequenceEqual("ID3"u8))
        || (content.Length >= 2 && content[0] == 0xFF && (content[1] & 0xE0) == 0xE0);

    /// <summary>True for an Ogg page header at the start.</summary>
    public static bool LooksLikeOgg(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[..4].SequenceEqual("OggS"u8);

    public static AudioClip DecodeMp3(byte[] content, string name, AudioLimits limits, CancellationToken cancel)
    {
        RefuseEmbeddedWave(content, name);
        return Decode(name, "MP3", () =>
        {
            using var mpeg = new MpegFile(new BudgetedStream(content, content.Length, cancel));
            return ReadAll(name, "MP3", mpeg.SampleRate, mpeg.Channels, mpeg.ReadSamples, limits, cancel);
        });
    }

    /// <summary>
    /// NLayer reads a RIFF/WAVE header wherever it meets one between frames, and spins for ever on a
    /// damaged one (a fuzzing finding: 183 bytes of MP3 frames around a WAV header). A plain MP3
    /// stream holds none (the eight bytes <c>RIFF....WAVE</c> do not occur by chance), and MP3 inside
    /// WAV is not read, so such content is refused before NLayer sees it.
    /// </summary>
    private static void RefuseEmbeddedWave(ReadOnlySpan<byte> content, string name)
    {
        int offset = 0;
        while (content[offset..].IndexOf("RIFF"u8) is var found and >= 0)
        {
            int at = offset + found;
            if (content.Length - at >= 12 && content.Slice(at + 8, 4).SequenceEqual("WAVE"u8))
                throw new AudioFormatException(name, $"not a plain MP3 stream: it holds a WAV header at byte {at} (MP3 inside WAV is not read)");
            offset = at + 1;
        }
    }

    public static AudioClip DecodeOgg(byte[] content, string name, AudioLimits limits, CancellationToken cancel)
    {
        var pages = OggPages.Checked(content, name);
        return Decode(name, "Ogg Vorbis", () =>
        {
            using var vorbis = new VorbisReader(new BudgetedStream(pages, pages.Length, cancel), closeOnDispose: true);
            return ReadAll(name, "Ogg Vorbis", vorbis.SampleRate, vorbis.Channels, vorbis.ReadSamples, limits, cancel);
        });
    }

    /// <summary>Runs a decoder, turning whatever it throws on damaged data into one message about the file.</summary>
    internal static AudioClip Decode(string name, string format, Func<AudioClip> decode)
    {
        AudioClip clip;
        try
        {
            clip = decode();
        }
        catch (Exception e) when (e is not (AudioException or OperationCanceledException or OutOfMemoryException))
        {
            // The decoders throw assorted exception types on damaged streams, with messages about
            // their internals; the user needs one message about the file.
            throw new AudioFormatException(name, $"corrupt or truncated {format} data: the decoder could not read it", e);
        }
        if (clip.Samples.Length == 0)
            throw new AudioFormatException(name, $"the {format} file holds no audio samples");
        return clip;
    }

    /// <summary>Decodes block by block into mono, stopping as soon as the clip outgrows <see cref="AudioLimits.MaximumDuration"/>.</summary>
    private static AudioClip ReadAll(string name, string format, int sampleRate, int channels, Func<float[], int, int, int> read, AudioLimits limits, CancellationToken cancel)
    {
        // The stream's own header, checked before a sample is decoded.
        limits.CheckHeader(name, format, sampleRate, channels);
        long maximumFrames = limits.MaximumFrames(sampleRate);
        var mono = new List<float>();
        var buffer = new float[ReadSize / channels * channels];
        int count;
        while ((count = read(buffer, 0, buffer.Length)) > 0)
        {
            cancel.ThrowIfCancellationRequested();
            int frames = count / channels;
            for (int frame = 0; frame < frames; frame++)
            {
                float sum = 0;
                for (int c = 0; c < channels; c++)
                    sum += buffer[frame * channels + c];
                mono.Add(sum / channels);
            }
            if (mono.Count > maximumFrames)
                limits.CheckDuration(name, mono.Count, sampleRate);
        }
        return new AudioClip([.. mono], sampleRate);
    }

    /// <summary>
    /// The file's bytes as a read-only stream for a decoder, which may read them, seeking back and
    /// forth, at most 16 times over: a decoder that goes round in circles on damaged data stops
    /// with an error instead of spinning for ever. Reads also stop when the work is cancelled.
    /// </summary>
    private sealed class BudgetedStream(byte[] content, int length, CancellationToken cancel) : MemoryStream(content, 0, length, writable: false)
    {
        private long _budget = 16L * length + (1 << 20);

        public override int Read(byte[] buffer, int offset, int count) => Spend(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Spend(base.Read(buffer));

        public override int ReadByte()
        {
            int value = base.ReadByte();
            Spend(1);
            return value;
        }

        private int Spend(int count)
        {
            cancel.ThrowIfCancellationRequested();
            if ((_budget -= Math.Max(count, 1)) < 0)
                throw new InvalidDataException("the decoder kept re-reading the same data");
            return count;
        }
    }
}
