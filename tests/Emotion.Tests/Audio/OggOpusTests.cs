using System.Buffers.Binary;
using Emotion.Audio;

namespace Emotion.Tests.Audio;

public class OggOpusTests
{
    private static readonly AudioLoadOptions Native = new() { SampleRate = null };

    private static byte[] Compressed(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "compressed", name));

    [Theory]
    [InlineData("03-01-05-02-01-01-02.opus", "03-01-05-02-01-01-02")]
    [InlineData("03-01-02-01-01-02-01-stereo.opus", "03-01-02-01-01-02-01")]
    public void Load_OpusOfRealClip_TheRecordingsLengthInStep(string file, string original)
    {
        // Given a RAVDESS clip and opusenc's copy of it (24 kbit/s mono, 48 kbit/s stereo: the waveforms correlate 0.90 and 0.97, and 0.11 and 0.33 off by the pre-skip)
        var wav = AudioFile.Load(Fixtures.Original(original), Native).Samples;

        // When
        var opus = AudioFile.Load(Compressed(file), file, Native);

        // Then the encoder's pre-skip is dropped and its padding trimmed: the very length, and the
        // waveform in step with the recording (without the pre-skip it would lag 312 samples)
        Assert.Equal(48000, opus.SampleRate);
        Assert.Equal(wav.Length, opus.Samples.Length);
        Assert.True(Correlation(wav, opus.Samples, 0) > 0.8, $"in step: {Correlation(wav, opus.Samples, 0):F2}");
        Assert.True(Correlation(wav, opus.Samples, 0) > 2 * Math.Abs(Correlation(wav, opus.Samples, 312)));
    }

    [Fact]
    public void Load_OutputGainInTheHeader_IsApplied()
    {
        // Given a voice message whose header asks for 6.02 dB more (twice the amplitude)
        var plain = Compressed("03-01-05-02-01-01-02.opus");
        var louder = HostileAudio.OggWithFirstPacket(plain, head => BinaryPrimitives.WriteInt16LittleEndian(head[16..], (short)Math.Round(20 * Math.Log10(2) * 256)));

        // When
        double ratio = Rms(AudioFile.Load(louder, "louder.opus", Native).Samples) / Rms(AudioFile.Load(plain, "plain.opus", Native).Samples);

        // Then
        Assert.Equal(2, ratio, 0.01);
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "surround", HostileAudio.OggWithFirstPacket(Compressed("03-01-05-02-01-01-02.opus"), head =>
        {
            head[9] = 6;
            head[18] = 1;
        }), "Opus of 6 channels in channel mapping 1 is not read" },
        { "gain", HostileAudio.OggWithFirstPacket(Compressed("03-01-05-02-01-01-02.opus"), head => BinaryPrimitives.WriteInt16LittleEndian(head[16..], 100 * 256)), "declares an output gain of 100.0 dB" },
        { "version", HostileAudio.OggWithFirstPacket(Compressed("03-01-05-02-01-01-02.opus"), head => head[8] = 0x10), "Opus header version 16 is not read" },
        { "no-tags", WithoutSecondPage(Compressed("03-01-05-02-01-01-02.opus")), "the second packet is not the OpusTags header" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Load_HeaderNoVoiceMessageHas_SaysWhatIsWrong(string what, byte[] content, string problem)
    {
        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(content, what + ".opus", Native));

        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void Load_OpusContentNamedOgg_IsReadAndVorbisNamedOpusIsNot()
    {
        // Telegram's voice messages are Opus in files named .ogg; a Vorbis file named .opus is misnamed
        Assert.Equal(48000, AudioFile.Load(Compressed("03-01-05-02-01-01-02.opus"), "voice.ogg", Native).SampleRate);
        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(Compressed("03-01-05-02-01-01-02.ogg"), "music.opus", Native));
        Assert.Contains("wrong extension: named '.opus' but the content is Ogg", error.Problem);
    }

    /// <summary>The stream without its second page, where opusenc puts the OpusTags header.</summary>
    private static byte[] WithoutSecondPage(byte[] ogg)
    {
        int PageLength(int at) => 27 + ogg[at + 26] + ogg.AsSpan(at + 27, ogg[at + 26]).ToArray().Sum(b => b);
        int second = PageLength(0), third = second + PageLength(second);
        return [.. ogg[..second], .. ogg[third..]];
    }

    private static double Correlation(float[] a, float[] b, int lag)
    {
        double sum = 0, aa = 0, bb = 0;
        for (int i = 0; i + lag < Math.Min(a.Length, b.Length); i++)
        {
            sum += a[i] * (double)b[i + lag];
            aa += a[i] * (double)a[i];
            bb += b[i + lag] * (double)b[i + lag];
        }
        return sum / Math.Sqrt(aa * bb);
    }

    private static double Rms(float[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));
}
