using Emotion.Audio;
using static Emotion.Tests.TestFlac;

namespace Emotion.Tests.Audio;

public class FlacDecoderTests
{
    private static readonly AudioLoadOptions Native = new() { SampleRate = null };

    private static string Compressed(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "compressed", name);

    [Theory]
    [InlineData("03-01-05-02-01-01-02.flac")]
    [InlineData("03-01-05-02-01-01-02-stereo-24bit.flac")]
    public void Load_FlacOfRealClip_TheSameSamplesAsTheWav(string file)
    {
        // Given a RAVDESS clip and FLAC copies of it (flac -8: LPC; and as 24-bit stereo with the
        // clip in both channels: left/side coding, a constant side, 8 wasted bits in every frame)
        var wav = AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"), Native);

        // When
        var flac = AudioFile.Load(Compressed(file), Native);

        // Then the clips are the same, sample for sample
        Assert.Equal(wav.SampleRate, flac.SampleRate);
        Assert.Equal(wav.Samples, flac.Samples);
    }

    [Theory]
    [InlineData("ravdess")]
    [InlineData("emovo")]
    public void Load_SharedCorpusFlac_TheSameClipsAsFlacDecodedThem(string corpus)
    {
        // Given a shared corpus as distributed (FLAC) and as the reference decoder wrote it (WAV)
        string flacRoot = Path.Combine(Path.GetDirectoryName(Fixtures.SharedRavdess())!, corpus);
        string wavRoot = corpus == "ravdess" ? Fixtures.SharedRavdessWav() : Fixtures.SharedEmovoWav();
        var files = Directory.GetFiles(flacRoot, "*.flac", SearchOption.AllDirectories);

        // When / Then every clip decodes to the reference's samples exactly
        Assert.Equal(corpus == "ravdess" ? 2036 : 588, files.Length);
        foreach (string file in files)
        {
            string wav = Path.ChangeExtension(Path.Combine(wavRoot, Path.GetRelativePath(flacRoot, file)), ".wav");
            Assert.True(AudioFile.Load(wav, Native).Samples.AsSpan().SequenceEqual(AudioFile.Load(file, Native).Samples), file);
        }
    }

    public static TheoryData<int, long[], long[]> StereoCodings => new()
    {
        { LeftSide, [1000, -2000, 32767, -32768], [-1000, 2000, -32768, 32767] },
        { SideRight, [5, 6, 7, 8], [-32768, 0, 32767, 1] },
        { MidSide, [32767, -32768, 3, -3], [-32768, 32767, -4, 4] },
    };

    [Theory]
    [MemberData(nameof(StereoCodings))]
    public void Load_StereoCoding_RestoresBothChannelsAndAveragesThem(int assignment, long[] left, long[] right)
    {
        // Given a 16-bit stereo frame coded as the assignment says (the side channel carries 17 bits)
        long[] side = [.. left.Zip(right, (l, r) => l - r)], mid = [.. left.Zip(right, (l, r) => (l + r) >> 1)];
        var (first, second) = assignment switch
        {
            LeftSide => (Verbatim(16, left), Verbatim(17, side)),
            SideRight => (Verbatim(17, side), Verbatim(16, right)),
            _ => (Verbatim(16, mid), Verbatim(17, side)),
        };
        var stream = Stream(16000, 2, 16, left.Length, Frame(left.Length, assignment, b => { first(b); second(b); }));

        // When
        var clip = AudioFile.Load(stream, "stereo.flac", Native);

        // Then each sample is the channels' mean, as a WAV of the two channels gives it
        Assert.Equal(left.Zip(right, (l, r) => (l / 32768f + r / 32768f) * 0.5f), clip.Samples);
    }

    [Fact]
    public void Load_UnknownLengthAndTagsAround_DecodesTheFrames()
    {
        // Given a stream that does not state its length (an encoder writing to a pipe), behind an
        // ID3v2 tag and followed by an ID3v1 tag
        byte[] id3v2 = [.. "ID3"u8, 3, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4];
        byte[] id3v1 = [.. "TAG"u8, .. new byte[125]];
        byte[] stream = [.. id3v2, .. Stream(8000, 1, 16, 0, Frame(3, 0, Verbatim(16, 1, 2, 3)), Frame(2, 0, Verbatim(16, -1, -2), number: 1)), .. id3v1];

        // When
        var clip = AudioFile.Load(stream, "tagged.flac", Native);

        // Then
        Assert.Equal(new[] { 1, 2, 3, -1, -2 }.Select(v => v / 32768f), clip.Samples);
    }

    public static TheoryData<string, byte[], string> Damaged => new()
    {
        { "header-sum", Stream(16000, 1, 16, 2, Frame(2, 0, Verbatim(16, 1, 2), badHeaderSum: true)), "frame 0: its header fails its checksum" },
        { "frame-sum", Stream(16000, 1, 16, 2, Frame(2, 0, Verbatim(16, 1, 2), badSum: true)), "frame 0: it fails its checksum" },
        { "overflow", Stream(16000, 1, 16, 4, Frame(4, 0, FixedOrderOne(16, 30000, residual: 30000, count: 3))), "frame 0: a subframe decodes to values beyond its 16 bits" },
        { "decorrelated", Stream(16000, 2, 16, 1, Frame(1, MidSide, b => { Verbatim(16, 32767)(b); Verbatim(17, 65535)(b); })), "frame 0: it decodes to values beyond its 16 bits" },
        { "order", Stream(16000, 1, 16, 16, Frame(16, 0, b => b.Write(0, 1).Write(63, 6).Write(0, 1))), "frame 0: a predictor of order 32 in a block of 16" },
        { "wasted", Stream(16000, 1, 16, 2, Frame(2, 0, b => b.Write(0, 1).Write(1, 6).Write(1, 1).Unary(15))), "frame 0: a subframe wastes 16 of its 16 bits" },
        { "partitions", Stream(16000, 1, 16, 12, Frame(12, 0, b => b.Write(0, 1).Write(8, 6).Write(0, 1).Write(0, 2).Write(3, 4))), "frame 0: 8 residual partitions do not divide a block of 12" },
        { "rate", Stream(16000, 1, 16, 4, Frame(2, 0, Verbatim(16, 1, 2)), Frame(2, 0, Verbatim(16, 1, 2), number: 1, rateCode: 4)), "frame 1: it is 8000 Hz, 1 channel, 16 bits where the stream is 16000 Hz, 1 channel, 16 bits" },
        { "short", Stream(16000, 1, 16, 100, Frame(2, 0, Verbatim(16, 1, 2))), "truncated FLAC: it holds 2 of the 100 samples its header declares" },
        { "cut", Stream(16000, 1, 16, 2, Frame(2, 0, Verbatim(16, 1, 2)))[..^3], "truncated FLAC: the file ends inside a frame" },
        { "junk", [.. Stream(16000, 1, 16, 2, Frame(2, 0, Verbatim(16, 1, 2))), .. "junk after the audio"u8], "does not start a frame" },
        { "rate-zero", Stream(0, 1, 16, 0), "declares a sample rate of 0 Hz" },
        { "bits", Stream(16000, 1, 3, 0), "declares 3 bits per sample" },
        { "no-frames", Stream(16000, 1, 16, 0), "holds no audio samples" },
        { "no-info", [.. "fLaC"u8, 0x81, 0, 0, 2, 0, 0], "the first metadata block is not a STREAMINFO" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void Load_DamagedOrForged_SaysWhatIsWrong(string what, byte[] content, string problem)
    {
        // Given FLAC that an encoder would not write, with valid checksums unless they are the damage
        // When
        var error = Assert.ThrowsAny<AudioFormatException>(() => AudioFile.Load(content, what + ".flac", Native));

        // Then the file and the problem are named
        Assert.Contains(problem, error.Problem);
        Assert.StartsWith(what + ".flac: ", error.Message);
    }

    [Fact]
    public void Load_FramesBeyondTheDurationLimit_StopAtTheLimit()
    {
        // Given a second's limit, a stream that declares its length over it, and one that does not
        // declare it but holds 65536 samples at 8 kHz in a frame of a few bytes
        var limits = Native with { Limits = AudioLimits.Default with { MaximumDuration = TimeSpan.FromSeconds(1) } };
        var declared = Stream(8000, 1, 16, 16000, Frame(2, 0, Verbatim(16, 1, 2)));
        var undeclared = Stream(8000, 1, 16, 0, Frame(65536, 0, Constant(16, 5)));

        // When / Then both are refused as too long
        foreach (var content in new[] { declared, undeclared })
            Assert.Contains("longer than the 1.0 s limit", Assert.Throws<UnusableClipException>(() => AudioFile.Load(content, "long.flac", limits)).Problem);
    }

    [Fact]
    public void Load_LongPredictorsOverEmptyResiduals_RefusedBeforeTheWorkAdds()
    {
        // Given a forged stream: frames of 65536 samples, each an order-32 predictor whose residual
        // is coded as zero bits (escape partitions of width 0): 2 million multiply-adds from 100
        // bytes, where a real residual costs at least a bit a sample
        var frame = Frame(65536, 0, b =>
        {
            b.Write(0, 1).Write(63, 6).Write(0, 1);
            for (int i = 0; i < 32; i++)
                b.Write(0, 16);
            b.Write(14, 4).Write(0, 5);
            for (int i = 0; i < 32; i++)
                b.Write(1, 15);
            b.Write(0, 2).Write(0, 4).Write(15, 4).Write(0, 5);
        });
        var stream = Stream(384000, 1, 16, 0, [.. Enumerable.Repeat(frame, 64)]);

        // When
        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(stream, "forged.flac", Native));

        // Then it is refused as forged, not decoded
        Assert.Contains("its predictors ask for more work than its bits can carry", error.Problem);
    }

    /// <summary>A fixed predictor of order 1: a warm-up sample, then <paramref name="count"/> equal residuals, Rice-coded with parameter 14.</summary>
    private static Action<Bits> FixedOrderOne(int bits, long warmUp, long residual, int count) => b =>
    {
        b.Write(0, 1).Write(9, 6).Write(0, 1).Write((ulong)warmUp, bits);
        b.Write(0, 2).Write(0, 4).Write(14, 4);
        ulong folded = (ulong)(residual << 1 ^ residual >> 63);
        for (int i = 0; i < count; i++)
            b.Unary((int)(folded >> 14)).Write(folded & 0x3FFF, 14);
    };
}
