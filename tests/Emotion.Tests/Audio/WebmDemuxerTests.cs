using Emotion.Audio;

namespace Emotion.Tests.Audio;

public class WebmDemuxerTests
{
    private static readonly AudioLoadOptions Native = new() { SampleRate = null };

    private static byte[] Compressed(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "compressed", name));

    [Fact]
    public void Load_ChromiumRecording_TheToneItRecorded()
    {
        // Given what Chromium's MediaRecorder wrote (audio/webm;codecs=opus: a segment and clusters
        // of unknown size) while recording a 440 Hz sine of amplitude 0.3 for about 1.5 s
        var webm = Compressed("chromium-tone-440hz.webm");

        // When
        var clip = AudioFile.Load(webm, "recording.webm", Native);

        // Then the tone comes back: its length, pitch and level
        Assert.Equal(48000, clip.SampleRate);
        Assert.InRange(clip.Duration.TotalSeconds, 1.3, 1.6);
        int upward = Enumerable.Range(1, clip.Samples.Length - 1).Count(i => clip.Samples[i - 1] < 0 && clip.Samples[i] >= 0);
        Assert.Equal(440, upward / clip.Duration.TotalSeconds, 2.0);
        Assert.Equal(0.3 / Math.Sqrt(2), Math.Sqrt(clip.Samples.Average(s => (double)s * s)), 0.01);
    }

    [Fact]
    public void Load_OpusPacketsInWebmOfKnownSizes_TheSamplesTheOggGives()
    {
        // Given opusenc's packets of a real clip, muxed into WebM with every size stated and a
        // video track before the audio
        var ogg = Compressed("03-01-05-02-01-01-02.opus");
        var packets = OggPages.Packets(ogg, OggPages.Pages(ogg, "clip.opus")).Select(p => p.Packet).ToList();
        var webm = Webm(packets[0], packets.Skip(2), audioTrack: 2);

        // When
        var fromWebm = AudioFile.Load(webm, "clip.webm", Native).Samples;
        var fromOgg = AudioFile.Load(ogg, "clip.opus", Native).Samples;

        // Then the same samples, but for the encoder's padding at the end, which only Ogg says how to trim
        Assert.Equal(fromOgg, fromWebm[..fromOgg.Length]);
        Assert.InRange(fromWebm.Length - fromOgg.Length, 0, 960);
    }

    [Fact]
    public void Load_RecordingCutShort_DecodesTheBlocksBeforeTheCut()
    {
        // Given a recording whose last 100 bytes (a few 20 ms blocks) never arrived
        var webm = Compressed("chromium-tone-440hz.webm");

        // When
        var whole = AudioFile.Load(webm, "whole.webm", Native);
        var cut = AudioFile.Load(webm[..^100], "cut.webm", Native);

        // Then the blocks before the cut are decoded, whole ones only
        Assert.InRange(whole.Samples.Length - cut.Samples.Length, 960, 5 * 960);
        Assert.Equal(0, (whole.Samples.Length - cut.Samples.Length) % 960);
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "vorbis", Webm([], [], audioTrack: 1, codec: "A_VORBIS"), "WebM without Opus audio (tracks: V_VP8, A_VORBIS)" },
        { "laced", Webm(Compressed("03-01-05-02-01-01-02.opus")[28..47], [[1, 2, 3]], audioTrack: 2, flags: 0x82), "WebM with laced blocks" },
        { "garbage", [0x1A, 0x45, 0xDF, 0xA3, 0x80, 0x00, 0x00], "corrupt WebM: no element starts at byte 5" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Load_WebmItCannotRead_SaysWhy(string what, byte[] content, string problem)
    {
        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(content, what + ".webm", Native));

        Assert.Contains(problem, error.Problem);
    }

    /// <summary>
    /// A WebM with every size stated: the EBML header, then a segment holding a VP8 track, the audio
    /// track (<paramref name="codec"/> with <paramref name="head"/> as its private data), and one
    /// cluster of simple blocks, one per packet.
    /// </summary>
    private static byte[] Webm(byte[] head, IEnumerable<byte[]> packets, int audioTrack, string codec = "A_OPUS", byte flags = 0x80)
    {
        byte[] video = Element(0xAE, [.. Element(0xD7, [1]), .. Element(0x86, "V_VP8"u8.ToArray())]);
        byte[] audio = Element(0xAE, [.. Element(0xD7, [(byte)audioTrack]), .. Element(0x86, System.Text.Encoding.ASCII.GetBytes(codec)), .. Element(0x63A2, head)]);
        byte[] blocks = [.. packets.SelectMany(p => Element(0xA3, [(byte)(0x80 | audioTrack), 0, 0, flags, .. p]))];
        byte[] segment = [.. Element(0x1654AE6B, [.. video, .. audio]), .. Element(0x1F43B675, [.. Element(0xE7, [0]), .. blocks])];
        return [.. Element(0x1A45DFA3, Element(0x4282, "webm"u8.ToArray())), .. Element(0x18538067, segment)];
    }

    /// <summary>An EBML element: its ID as written, an eight-byte size, the body.</summary>
    private static byte[] Element(uint id, byte[] body)
    {
        byte[] idBytes = [.. BitConverter.GetBytes(id).Reverse().SkipWhile(b => b == 0)];
        ulong size = (1UL << 56) + (uint)body.Length;
        return [.. idBytes, .. BitConverter.GetBytes(size).Reverse(), .. body];
    }
}
