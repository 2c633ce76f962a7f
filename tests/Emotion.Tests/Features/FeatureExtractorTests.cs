using Emotion.Audio;
using Emotion.Features;

namespace Emotion.Tests.Features;

public class FeatureExtractorTests
{
    public static TheoryData<string> Clips => [.. Fixtures.OriginalNames];

    [Theory]
    [MemberData(nameof(Clips))]
    public void Extract_Original48kHz_MatchesLibrosaLoadPipeline(string clip)
    {
        // Given the clip as distributed (48 kHz, FLLR chunk, possibly stereo) and the values
        // librosa.load + mfcc give through SoX's high-quality resampler
        var expected = Fixtures.GoldenFeatures("features-originals.csv")[clip];

        // When decoding, downmixing, resampling and extracting end to end
        var actual = FeatureExtractor.Default.Extract(Fixtures.Original(clip));

        // Then every value is within 1.0 and the mean difference under 0.6: a band-limited
        // resampler passes this, linear interpolation (up to 3.5) does not
        var differences = expected.Zip(actual, (e, a) => Math.Abs(e - a)).ToArray();
        Assert.Equal(80, actual.Length);
        Assert.True(differences.Max() < 1.0, $"largest difference {differences.Max():F3}");
        Assert.True(differences.Average() < 0.6, $"mean difference {differences.Average():F3}");
    }

    [Theory]
    [MemberData(nameof(Clips))]
    public void Extract_Golden22050Clip_MatchesReferenceStatistics(string clip)
    {
        // Given the 22050 Hz clip, which needs no resampling
        var expected = Fixtures.GoldenFeatures("features-22050.csv")[clip];

        // When
        var actual = FeatureExtractor.Default.Extract(Fixtures.Golden22050(clip));

        // Then the 40 means and 40 population deviations agree closely
        for (int i = 0; i < 80; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 0.01, $"mfcc_{i}: expected {expected[i]:F4}, got {actual[i]:F4}");
    }

    [Fact]
    public void Default_FeatureNames_AreMeansThenDeviations()
    {
        var names = FeatureExtractor.Default.FeatureNames;

        Assert.Equal(80, names.Count);
        Assert.Equal("mfcc_0", names[0]);
        Assert.Equal("mfcc_79", names[79]);
    }

    [Fact]
    public void Fingerprint_ChangesWithSettings()
    {
        var thirteen = new FeatureExtractor(new FeatureOptions { Mfcc = new MfccOptions { CoefficientCount = 13 } });

        Assert.NotEqual(FeatureExtractor.Default.Fingerprint, thirteen.Fingerprint);
        Assert.Equal(26, thirteen.FeatureNames.Count);
        Assert.Equal(FeatureExtractor.Default.Fingerprint, new FeatureExtractor(new FeatureOptions()).Fingerprint);
    }

    [Fact]
    public void Constructor_SetNamedTwice_Throws()
    {
        var options = new FeatureOptions { Sets = [FeatureSetKind.MfccStatistics, FeatureSetKind.Chroma, FeatureSetKind.MfccStatistics] };

        var error = Assert.Throws<ArgumentException>(() => new FeatureExtractor(options));

        Assert.Contains("named twice", error.Message);
    }

    [Fact]
    public void Extract_SliceOfWholeAnalysis_SameAsWholeClip()
    {
        // Given a real clip's extended analysis
        var analysis = FeatureExtractor.Extended.Analyze(AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"), FeatureExtractor.Extended.LoadOptions));

        // When its features are taken whole, and from a slice covering every frame
        var whole = FeatureExtractor.Extended.Extract(analysis);
        var slice = FeatureExtractor.Extended.Extract(analysis.Slice(0, analysis.FrameCount));

        // Then they are the same numbers: a slice reads the one analysis
        Assert.Equal(whole, slice);
    }

    [Fact]
    public void Extract_ClipAtOtherRate_IsResampledFirst()
    {
        // Given the same golden clip at 22050 Hz and resampled to 44100 Hz
        var clip = AudioFile.Load(Fixtures.Golden22050("03-01-01-01-01-01-01"));
        using var temp = Fixtures.TempDirectory();
        string path = temp.File("up.wav");
        File.WriteAllBytes(path, TestWav.Build([clip.Resample(44100).Samples], 44100, TestWav.Encoding.Float32));

        // When both go through the extractor
        var direct = FeatureExtractor.Default.Extract(clip);
        var roundTrip = FeatureExtractor.Default.Extract(path);

        // Then the features survive the round trip within the parity bound (the top 8.5% of the
        // band is filtered twice, once each way, so they do not agree exactly)
        Assert.All(direct.Zip(roundTrip), pair => Assert.Equal(pair.First, pair.Second, 1.0));
    }
}
