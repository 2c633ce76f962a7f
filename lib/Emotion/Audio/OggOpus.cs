using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Concentus;

namespace Emotion.Audio;

/// <summary>
/// Ogg Opus (RFC 7845), the format of voice messages (WhatsApp, Telegram, Signal) and of opusenc:
/// pages checked by <see cref="OggPages"/>, the OpusHead header read and bounded, every packet
/// decoded by Concentus at 48 kHz, the encoder's pre-skip dropped, the end trimmed to the last
/// page's granule position and the header's output gain applied, as libopusfile does. Mono and
/// stereo (channel mapping family 0); surround mappings are refused by name.
/// </summary>
internal static class OggOpus
{
    /// <summary>Opus always decodes to 48 kHz here (the header's input rate is only informative).</summary>
    public const int SampleRate = 48000;

    // 120 ms at 48 kHz: the most one packet holds. A packet is at most 48 frames of 1275 bytes.
    private const int MaximumPacketSamples = 5760;
    private const int MaximumPacketBytes = 48 * 1275 + 100;

    // Output gains are loudness corrections of a few dB; far beyond any, a forged header.
    private const double MaximumGainDecibels = 60;

    /// <summary>True when the first packet of the Ogg stream at the start is an OpusHead.</summary>
    public static bool IsOpus(ReadOnlySpan<byte> content) =>
        content.Length > 27 && content.Length > 27 + content[26] && content[(27 + content[26])..].StartsWith("OpusHead"u8);

    public static AudioClip Decode(byte[] content, string name, AudioLimits limits, CancellationToken cancel)
    {
        using var packets = OggPages.Packets(content, OggPages.Pages(content, name)).GetEnumerator();
        var head = Head.Parse(packets.MoveNext() ? packets.Current.Packet : [], name);
        limits.CheckHeader(name, "Ogg Opus", SampleRate, head.Channels);
        if (!packets.MoveNext() || !packets.Current.Packet.AsSpan().StartsWith("OpusTags"u8))
            throw new AudioFormatException(name, "corrupt Ogg Opus: the second packet is not the OpusTags header");
        return CompressedDecoders.Decode(name, "Ogg Opus", () => DecodeAudio(packets, head, name, limits, cancel));
    }

    private static AudioClip DecodeAudio(IEnumerator<(byte[] Packet, long Granule)> packets, Head head, string name, AudioLimits limits, CancellationToken cancel)
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
                throw new AudioFormatException(name, $"corrupt Ogg Opus: an audio packet of {packet.Length} bytes (1 to {MaximumPacketBytes} are possible)");
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
        // The last page's granule position counts the samples to the stream's end, pre-skip
        // included: what the encoder's last packet holds beyond it is padding.
        long total = lastGranule - head.PreSkip;
        if (total >= 0 && total < mono.Count)
            CollectionsMarshal.SetCount(mono, (int)total);
        if (mono.Count == 0)
            throw new AudioFormatException(name, "the Ogg Opus file holds no audio samples");
        return new AudioClip([.. mono], SampleRate);
    }

    /// <summary>The identification header: channels, the samples to drop at the start, and the gain in dB.</summary>
    private sealed record Head(int Channels, int PreSkip, double GainDecibels)
    {
        public static Head Parse(ReadOnlySpan<byte> packet, string name)
        {
            if (packet.Length < 19 || !packet.StartsWith("OpusHead"u8))
                throw new AudioFormatException(name, "corrupt Ogg Opus: the first packet is not a complete OpusHead header");
            if (packet[8] >> 4 != 0)
                throw new AudioFormatException(name, $"Ogg Opus version {packet[8]} is not read (versions 0-15 are)");
            int channels = packet[9], mapping = packet[18];
            if (mapping != 0 || channels is < 1 or > 2)
                throw new AudioFormatException(name, $"Ogg Opus of {channels} channels in channel mapping {mapping} is not read; mono and stereo (mapping 0) are");
            double gain = BinaryPrimitives.ReadInt16LittleEndian(packet[16..]) / 256.0;
            if (Math.Abs(gain) > MaximumGainDecibels)
                throw new AudioFormatException(name, string.Create(CultureInfo.InvariantCulture,
                    $"corrupt Ogg Opus: the header declares an output gain of {gain:F1} dB; real files correct loudness by a few dB"));
            return new Head(channels, BinaryPrimitives.ReadUInt16LittleEndian(packet[10..]), gain);
        }
    }
}
