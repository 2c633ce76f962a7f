using Emotion.Audio;

namespace Emotion.Tests.Audio;

public class AudioFileTests
{
    private static readonly float[] Left = [0f, 0.5f, -0.5f, 0.25f, -1f, 0.75f];
    private static readonly float[] Right = [0.5f, 0.5f, 0.5f, -0.25f, 1f, 0.25f];

    public static TheoryData<TestWav.Encoding, bool, double> Layouts => new()
    {
        { TestWav.Encoding.Pcm8, false, 1.0 / 64 },
        { TestWav.Encoding.Pcm16, false, 1e-4 },
        { TestWav.Encoding.Pcm24, true, 1e-6 },
        { TestWav.Encoding.Pcm32, false, 1e-8 },
        { TestWav.Encoding.Float32, true, 1e-7 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Load_StereoWavOfAnyEncoding_IsAveragedToMono(TestWav.Encoding encoding, bool extensible, double tolerance)
    {
        // Given a stereo file with extra chunks before and after the data
        var bytes = TestWav.Build([Left, Right], 8000, encoding, extensible, extraChunks: true);

        // When loaded at its own rate
        var clip = AudioFile.Load(bytes, "clip.wav", new AudioLoadOptions { SampleRate = null });

        // Then each sample is the mean of the two channels
        Assert.Equal(8000, clip.SampleRate);
        Assert.Equal(Left.Length, clip.Samples.Length);
        for (int i = 0; i < Left.Length; i++)
            Assert.Equal((Left[i] + Right[i]) / 2, clip.Samples[i], tolerance);
    }

    [Fact]
    public void Load_RavdessOriginalWithFllrChunk_DecodesAllSamples()
    {
        // Given a RAVDESS original: 48 kHz 16-bit mono with a FLLR chunk before its data
        string path = Fixtures.Original("03-01-01-01-01-01-01");

        // When
        var clip = AudioFile.Load(path, new AudioLoadOptions { SampleRate = null });

        // Then the data chunk's bytes, less the 44-byte header and the FLLR chunk, are samples
        Assert.Equal(48000, clip.SampleRate);
        Assert.InRange(clip.Duration.TotalSeconds, 3.0, 4.5);
        Assert.InRange(clip.Samples.Max(Math.Abs), 0.01f, 1f);
    }

    [Fact]
    public void Load_StereoOriginal_MatchesSoxMonoDownmixAfterResampling()
    {
        // Given the stereo original and SoX's mono 22050 Hz rendering of it
        var sox = AudioFile.Load(Fixtures.Golden22050("03-01-02-01-01-02-01"));

        // When
        var ours = AudioFile.Load(Fixtures.Original("03-01-02-01-01-02-01"));

        // Then the length is librosa's ceil(n * 22050 / 48000), at most one sample more than SoX
        // writes, and the waveforms nearly coincide
        Assert.Equal((int)Math.Ceiling(AudioFile.Load(Fixtures.Original("03-01-02-01-01-02-01"), new AudioLoadOptions { SampleRate = null }).Samples.Length * 22050.0 / 48000), ours.Samples.Length);
        Assert.InRange(ours.Samples.Length - sox.Samples.Length, 0, 1);
        double error = 0, energy = 0;
        for (int i = 0; i < sox.Samples.Length; i++)
        {
            error += Math.Pow(sox.Samples[i] - ours.Samples[i], 2);
            energy += Math.Pow(sox.Samples[i], 2);
        }
        Assert.True(error / energy < 1e-3, $"relative error energy {error / energy:E2}");
    }

    public static TheoryData<string, byte[], string> BadInputs => new()
    {
        { "empty.wav", [], "empty" },
        { "short.wav", "RIFF\x04\0\0\0"u8.ToArray(), "truncated WAV header" },
        { "nofmt.wav", [.. "RIFF\x04\0\0\0WAVE"u8], "no 'fmt ' chunk" },
        { "text.wav", "hello, this is not audio at all"u8.ToArray(), "not audio" },
        { "zero.wav", TestWav.Build([[]], 8000, TestWav.Encoding.Pcm16), "no audio samples" },
        { "adpcm.wav", WithFormatTag(TestWav.Build([Left], 8000, TestWav.Encoding.Pcm16), 2), "unsupported WAV encoding: Microsoft ADPCM" },
        { "clip.mp3", TestWav.Build([Left], 8000, TestWav.Encoding.Pcm16), "wrong extension: named '.mp3' but the content is WAV" },
        { "clip.txt", TestWav.Build([Left], 8000, TestWav.Encoding.Pcm16), "has extension '.txt'" },
        { "clip.flac", "fLaC\0\0\0\x22"u8.ToArray(), "truncated FLAC: a metadata block declares 34 bytes, 0 remain" },
        { "clip.m4a", TestWav.Build([Left], 8000, TestWav.Encoding.Pcm16), "has extension '.m4a'; supported audio is .wav, .flac, .mp3, .ogg" },
        { "broken.ogg", "OggS\0\x02\0\0\0\0\0\0\0\0"u8.ToArray(), "truncated Ogg data" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Load_BadInput_ThrowsAudioFormatExceptionNamingFileAndProblem(string name, byte[] content, string problem)
    {
        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load(content, name));

        Assert.Equal(name, error.FileName);
        Assert.Contains(problem, error.Problem);
        Assert.StartsWith(name + ": ", error.Message);
    }

    [Theory]
    [InlineData(48000, 1.9, null)]
    [InlineData(96000, 0.9, null)]
    [InlineData(96000, 1.5, "longer than 1.0 s at 96000 Hz, the most the 2.0 s limit allows at that rate")]
    [InlineData(8000, 2.5, "the clip lasts 2.5 s, longer than the 2.0 s limit")]
    public void Load_LongerThanTheLimit_RefusedByItsSamplesAbove48Kilohertz(int rate, double seconds, string? problem)
    {
        // Given a two-second limit: in full up to 48 kHz, in samples above it
        var limits = new AudioLoadOptions { SampleRate = null, Limits = AudioLimits.Default with { MaximumDuration = TimeSpan.FromSeconds(2) } };
        var wav = TestWav.Build([new float[(int)(rate * seconds)]], rate, TestWav.Encoding.Pcm16);

        // When / Then
        if (problem is null)
            Assert.Equal(seconds, AudioFile.Load(wav, "clip.wav", limits).Duration.TotalSeconds, 3);
        else
            Assert.Contains(problem, Assert.Throws<UnusableClipException>(() => AudioFile.Load(wav, "clip.wav", limits)).Problem);
    }

    [Fact]
    public void Load_MissingFile_SaysNotFound()
    {
        var error = Assert.Throws<AudioFormatException>(() => AudioFile.Load("/no/such/clip.wav"));

        Assert.Equal("/no/such/clip.wav: file not found", error.Message);
    }

    private static byte[] WithFormatTag(byte[] wav, ushort tag)
    {
        // The fmt chunk follows the 12-byte RIFF header; its body starts 8 bytes later.
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20), tag);
        return wav;
    }
}
