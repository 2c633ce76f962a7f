using Emotion.Audio;
using Emotion.Features;

namespace Emotion.Tests.Features;

public class ClipPreparationTests
{
    private static AudioClip RealClip() => AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"), FeatureExtractor.Extended.LoadOptions);

    [Fact]
    public void Apply_RealClip_CutsTheSilenceAroundTheUtteranceOnly()
    {
        // Given a RAVDESS clip: about a second of room noise, the sentence, room noise again
        var clip = RealClip();

        // When
        var (trimmed, start) = new ClipPreparation { TrimDecibels = 25 }.Apply(clip);

        // Then the pauses go, the loudest part stays whole, and where it starts is known
        Assert.InRange(trimmed.Duration.TotalSeconds, 0.8, clip.Duration.TotalSeconds - 1);
        Assert.Equal(clip.Samples.Max(Math.Abs), trimmed.Samples.Max(Math.Abs));
        Assert.InRange(start.TotalSeconds, 0.3, 1.5);
        Assert.Equal(trimmed.Samples[0], clip.Samples[(int)Math.Round(start.TotalSeconds * clip.SampleRate)]);
    }

    [Fact]
    public void Extended_RealClipPaddedWithSilenceAndQuieter_SameFeatures()
    {
        // Given a real clip, and the same clip 12 dB quieter with two more seconds of silence around it
        var clip = RealClip();
        var padding = new float[2 * 22_016];
        var padded = new AudioClip([.. padding, .. clip.Samples.Select(s => s / 4), .. padding], clip.SampleRate);

        // When
        var original = FeatureExtractor.Extended.Extract(clip);
        var changed = FeatureExtractor.Extended.Extract(padded);

        // Then no feature moves: without the trim, mfcc_0 alone would differ by tens of dB
        for (int i = 0; i < original.Length; i++)
            Assert.True(Math.Abs(original[i] - changed[i]) <= 1e-3 * Math.Max(1, Math.Abs(original[i])),
                $"{FeatureExtractor.Extended.FeatureNames[i]}: {original[i]} vs {changed[i]}");
    }

    [Fact]
    public void Apply_Silence_LeftWhole()
    {
        var silence = new AudioClip(new float[22_050], 22_050);

        var (prepared, start) = new ClipPreparation { TrimDecibels = 25, NormaliseLevel = true }.Apply(silence);

        Assert.Same(silence, prepared);
        Assert.Equal(TimeSpan.Zero, start);
    }
}
