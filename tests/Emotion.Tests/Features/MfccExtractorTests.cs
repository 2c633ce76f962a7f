using Emotion.Audio;
using Emotion.Features;

namespace Emotion.Tests.Features;

public class MfccExtractorTests
{
    public static TheoryData<string> Clips => [.. Fixtures.OriginalNames];

    [Theory]
    [MemberData(nameof(Clips))]
    public void Extract_GoldenClipAt22050_MatchesLibrosaWithin001(string clip)
    {
        // Given the SoX-resampled 22050 Hz clip and librosa's MFCC matrix for it
        var audio = AudioFile.Load(Fixtures.Golden22050(clip));
        var expected = Fixtures.GoldenMfcc(clip);

        // When
        var actual = new MfccExtractor().Extract(audio);

        // Then every coefficient of every frame agrees
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected[0].Length, actual[0].Length);
        double worst = 0;
        for (int k = 0; k < expected.Length; k++)
            for (int t = 0; t < expected[k].Length; t++)
                worst = Math.Max(worst, Math.Abs(expected[k][t] - actual[k][t]));
        Assert.True(worst < 0.01, $"largest MFCC difference {worst:F5} for {clip}");
    }

    [Fact]
    public void Extract_SignalShorterThanFrame_CentredPaddingGivesOneFramePerHop()
    {
        // Given 1000 samples of a 440 Hz sine: less than one 2048 window
        var samples = Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(2 * Math.PI * 440 * i / 22050)).ToArray();

        // When
        var mfcc = new MfccExtractor().Extract(new AudioClip(samples, 22050));

        // Then librosa's centred framing gives 1 + n / hop frames of 40 finite coefficients
        Assert.Equal(40, mfcc.Length);
        Assert.Equal(1 + 1000 / 512, mfcc[0].Length);
        Assert.All(mfcc, row => Assert.All(row, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void Extract_Silence_ClampsToFloorAndStaysFinite()
    {
        // Given digital silence, where every mel power is below amin
        var clip = new AudioClip(new float[22050], 22050);

        // When
        var mfcc = new MfccExtractor().Extract(clip);

        // Then the log floor (-100 dB) gives a constant c0 = -100 * sqrt(128) and zero elsewhere
        Assert.All(mfcc[0], v => Assert.Equal(-100 * Math.Sqrt(128), v, 0.01));
        Assert.All(mfcc[1], v => Assert.Equal(0, v, 0.01));
    }

    [Fact]
    public void Extract_WrongSampleRate_Throws()
    {
        var clip = new AudioClip(new float[48000], 48000);

        var error = Assert.Throws<ArgumentException>(() => new MfccExtractor().Extract(clip));

        Assert.Contains("48000 Hz", error.Message);
    }

    [Fact]
    public void Constructor_SeveralBadOptions_ListsEveryProblem()
    {
        var options = new MfccOptions { FftSize = 1000, HopLength = 0, CoefficientCount = 200 };

        var error = Assert.Throws<ArgumentException>(() => new MfccExtractor(options));

        Assert.Contains(nameof(MfccOptions.FftSize), error.Message);
        Assert.Contains(nameof(MfccOptions.HopLength), error.Message);
        Assert.Contains(nameof(MfccOptions.CoefficientCount), error.Message);
    }
}
