using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Concentus;

namespace Emotion.Audio;

/// <summary>
/// Opus in Ogg (RFC 7845: voice messages of WhatsApp, Telegram and Signal, and opusenc's files) and
/// in WebM (<see cref="WebmDemuxer"/>: browsers' MediaRecorder): the OpusHead header read and
/// bounded, every packet decoded by Concentus at 48 kHz, the encoder's pre-skip dropped, an Ogg
/// stream's end trimmed to its last page's granule position, and the header's output gain
/// applied, as libopusfile does. Mono and stereo (channel mapping family 0); surround mappings are
/// refused by name.
/// </summary>
internal static class OpusDecoder
{
    /// <summary>Opus always decodes to 48 kHz here (the header's input rate is only informative).</summary>
    public const int SampleRate = 48000;

    // 120 ms at 48 kHz: the most one packet holds. A packet is at most 48 frames of 1275 bytes.
    private const int MaximumPacketSamples = 5760;
    private const int MaximumPacketBytes = 48 * 1275 + 100;

    // Output gains are loudness corrections of a few dB; far beyond any, a forged header.
    private const double MaximumGainDecibels = 60;

    /// <summary>True when the first packet of the Ogg stream at the start is an OpusHead.</summary>
    public static bool IsOgg(ReadOnlySpan<byte> content) =>
        content.Length > 27 && content.Length > 27 + content[26] && content[(27 + content[26])..].StartsWith("OpusHead"u8);

    /// <summary>Decodes an Ogg Opus file: OpusHead, OpusTags, then the audio packets.</summary>
    public static AudioClip DecodeOgg(byte[] content, string name, AudioLimits limits, CancellationToken cancel)
    {
        using var packets = OggPages.Packets(content, OggPages.Pages(content, name)).GetEnumerator();
        var head = Head.Parse(packets.MoveNext() ? packets.Current.Packet : [], name);
        if (!packets.MoveNext() || !packets.Current.Packet.AsSpan().StartsWith("OpusTags"u8))
            throw new AudioFormatException(name, "corrupt Ogg Opus: the second packet is not the OpusTags header");
        return Decode(packets, head, name, "Ogg Opus", limits, cancel);
    }

    /// <summary>
    /// Decodes <paramref name="packets"/> (each with the granule position it ends on, or −1 where
    /// the container has none) after <paramref name="head"/>, an OpusHead packet.
    /// </summary>
    public static AudioClip Decode(IEnumerator<(byte[] Packet, long Granule)> packets, byte[] head, string name, string format, AudioLimits limits, CancellationToken cancel) =>
        Decode(packets, Head.Parse(head, name), name, format, limits, cancel);

    private static AudioClip Decode(IEnumerator<(byte[] Packet, long Granule)> packets, Head head, string name, string format, AudioLimits limits, CancellationToken cancel)
    {
        limits.CheckHeader(name, format, SampleRate, head.Channels);
        return CompressedDecoders.Decode(name, format, () => DecodeAudio(packets, head, name, format, limits, cancel));
    }

    private static AudioClip DecodeAudio(IEnumerator<(byte[] Packet, long Granule)> packets, Head head, string name, string format, AudioLimits limits, CancellationToken cancel)
    {
        var decoder = OpusCodecFactory.CreateDecoder(SampleRate, head.Channels);
        var pcm = new float[MaximumPacketSamples * head.Channels];
        var mono = new List<float>();
        long skip = head.PreSkip, maximumFrames = limits.MaximumFrames(SampleRate), lastGranule = -1;
        float scale = (float)Math.Pow(10, head.GainDecibels / 20) / head.Channels;
        while (packets.MoveNext())
        {
            cancel.ThrowIfCancellationRequested();
            var (packet, granule) = packets.Current;
            if (packet.Length is 0 or > MaximumPacketBytes)
                throw new AudioFormatException(name, $"corrupt {format}: an audio packet of {packet.Length} bytes (1 to {MaximumPacketBytes} are possible)");
            int samples = decoder.Decode(packet, pcm, MaximumPacketSamples, false);
            for (int i = 0; i < samples; i++, skip--)
            {
                if (skip > 0)
                    continue;
                float sum = 0;
                for (int c = 0; c < head.Channels; c++)
                    sum += pcm[i * head.Channels + c];
                mono.Add(sum * scale);
            }
            lastGranule = granule;
            if (mono.Count > maximumFrames)
                limits.CheckDuration(name, mono.Count, SampleRate);
        }
        // An Ogg stream's last granule position counts the samples to its end, pre-skip included:
        // what the encoder's last packet holds beyond it is padding.
        long total = lastGranule - head.PreSkip;
        if (total >= 0 && total < mono.Count)
            CollectionsMarshal.SetCount(mono, (int)total);
        if (mono.Count == 0)
            throw new AudioFormatException(name, $"the {format} file holds no audio samples");
        return new AudioClip([.. mono], SampleRate);
    }

    /// <summary>The identification header: channels, the samples to drop at the start, and the gain in dB.</summary>
    private sealed record Head(int Channels, int PreSkip, double GainDecibels)
    {
        public static Head Parse(ReadOnlySpan<byte> packet, string name)
        {
            if (packet.Length < 19 || !packet.StartsWith("OpusHead"u8))
                throw new AudioFormatException(name, "corrupt Opus: the stream does not open with a complete OpusHead header");
            if (packet[8] >> 4 != 0)
                throw new AudioFormatException(name, $"Opus header version {packet[8]} is not read (versions 0-15 are)");
            int channels = packet[9], mapping = packet[18];
            if (mapping != 0 || channels is < 1 or > 2)
                throw new AudioFormatException(name, $"Opus of {channels} channels in channel mapping {mapping} is not read; mono and stereo (mapping 0) are");
            double gain = BinaryPrimitives.ReadInt16LittleEndian(packet[16..]) / 256.0;
            if (Math.Abs(gain) > MaximumGainDecibels)
                throw new AudioFormatException(name, string.Create(CultureInfo.InvariantCulture,
                    $"corrupt Opus: the header declares an output gain of {gain:F1} dB; real files correct loudness by a few dB"));
            return new Head(channels, BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]), gain);
        }
    }
}
