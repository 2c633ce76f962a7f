using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Features;

namespace Emotion.Tests.Audio;

public class CompressedAudioTests
{
    private static string Compressed(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "compressed", name);

    [Theory]
    [InlineData("03-01-05-02-01-01-02.mp3", "03-01-05-02-01-01-02")]
    [InlineData("03-01-05-02-01-01-02.ogg", "03-01-05-02-01-01-02")]
    [InlineData("03-01-02-01-01-02-01-stereo.ogg", "03-01-02-01-01-02-01")]
    [InlineData("03-01-05-02-01-01-02.opus", "03-01-05-02-01-01-02")]
    [InlineData("03-01-02-01-01-02-01-stereo.opus", "03-01-02-01-01-02-01")]
    public void Load_LossyCopyOfRealClip_MatchesTheWavClosely(string file, string original)
    {
        // Given a RAVDESS clip and a lossy copy of it (lame 96 kb/s, Vorbis, or Opus at 24 kb/s mono
        // and 48 kb/s stereo)
        var wav = AudioFile.Load(Fixtures.Original(original), new AudioLoadOptions { SampleRate = null });

        // When
        var decoded = AudioFile.Load(Compressed(file), new AudioLoadOptions { SampleRate = null });

        // Then rate and length agree (MP3 adds at most a few frames of codec delay), and so does
        // the loudness, and the MFCC statistics land near the WAV's (measured: 0.18-0.36 mean difference)
        Assert.Equal(wav.SampleRate, decoded.SampleRate);
        Assert.InRange(decoded.Duration.TotalSeconds - wav.Duration.TotalSeconds, -0.01, 0.1);
        Assert.Equal(Rms(wav.Samples), Rms(decoded.Samples), 0.1 * Rms(wav.Samples));
        var expected = FeatureExtractor.Default.Extract(Fixtures.Original(original));
        var actual = FeatureExtractor.Default.Extract(Compressed(file));
        double meanDifference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Average();
        Assert.True(meanDifference < 1.0, $"mean feature difference {meanDifference:F2}");
    }

    [Fact]
    public void BundledModel_PredictsSameEmotionForWavMp3OggAndOpus()
    {
        // Given the bundled model and one clip as WAV, MP3, Ogg Vorbis and Ogg Opus
        var bundle = ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, ModelBundle.DefaultRelativePath));

        // When
        string[] emotions = [.. new[] { Fixtures.Original("03-01-05-02-01-01-02"), Compressed("03-01-05-02-01-01-02.mp3"), Compressed("03-01-05-02-01-01-02.ogg"), Compressed("03-01-05-02-01-01-02.opus") }
            .Select(path => bundle.Predict(path).Emotion)];

        // Then all four are the clip's emotion (RAVDESS code 05)
        Assert.Equal(["angry", "angry", "angry", "angry"], emotions);
    }

    private static double Rms(float[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));
}
