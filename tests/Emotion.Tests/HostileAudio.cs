using System.Buffers.Binary;

namespace Emotion.Tests;

/// <summary>Audio files made to hurt: headers that lie, samples no recording holds.</summary>
internal static class HostileAudio
{
    /// <summary>
    /// <paramref name="ogg"/> with its Vorbis identification header (0x01 "vorbis", version, channels,
    /// then the rate at byte 12) declaring <paramref name="sampleRate"/>, the page's checksum mended
    /// so that the decoder believes it.
    /// </summary>
    public static byte[] OggWithDeclaredRate(byte[] ogg, uint sampleRate) =>
        OggWithFirstPacket(ogg, packet => BinaryPrimitives.WriteUInt32LittleEndian(packet[12..], sampleRate));

    /// <summary><paramref name="ogg"/> with its first packet (the codec's identification header) edited, the page's checksum mended.</summary>
    public static byte[] OggWithFirstPacket(byte[] ogg, SpanAction edit)
    {
        var copy = (byte[])ogg.Clone();
        int segments = copy[26];
        int packet = 27 + segments;
        int pageLength = packet + copy.AsSpan(27, segments).ToArray().Sum(b => b);
        edit(copy.AsSpan(packet, pageLength - packet));
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(22), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(22), OggCrc(copy.AsSpan(0, pageLength)));
        return copy;
    }

    /// <summary>An edit of bytes in place.</summary>
    public delegate void SpanAction(Span<byte> bytes);

    /// <summary>Ogg's page checksum: CRC-32 with polynomial 0x04C11DB7, not reflected, from zero.</summary>
    private static uint OggCrc(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        foreach (byte b in page)
        {
            crc ^= (uint)b << 24;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
        }
        return crc;
    }
}
