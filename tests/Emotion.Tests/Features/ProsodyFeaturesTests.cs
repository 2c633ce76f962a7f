using Emotion.Audio;
using Emotion.Features;

namespace Emotion.Tests.Features;

public class ProsodyFeaturesTests
{
    private const int Rate = 22050;

    [Theory]
    [InlineData(110)]
    [InlineData(220)]
    [InlineData(660)]
    public void Track_HarmonicTone_FindsItsFundamental(double hertz)
    {
        // Given one second of a tone with four harmonics, the strongest at the fundamental
        var clip = Harmonic(hertz, seconds: 1);

        // When
        var voiced = new PitchTracker().Track(clip).Frames.Where(f => f.Voiced).ToList();

        // Then nearly every frame is voiced at the fundamental (not an octave off), and highly periodic
        Assert.True(voiced.Count > 80, $"{voiced.Count} voiced frames");
        Assert.All(voiced, f => Assert.InRange(f.Pitch, hertz * 0.99, hertz * 1.01));
        Assert.All(voiced, f => Assert.True(f.Periodicity > 0.95, $"periodicity {f.Periodicity}"));
    }

    [Fact]
    public void Track_Noise_IsMostlyUnvoiced()
    {
        var random = new Random(5);
        var noise = new AudioClip([.. Enumerable.Range(0, Rate).Select(_ => (float)(random.NextDouble() - 0.5))], Rate);

        var frames = new PitchTracker().Track(noise).Frames;

        Assert.True(frames.Count(f => f.Voiced) < frames.Count / 10, $"{frames.Count(f => f.Voiced)} of {frames.Count} voiced");
        // Nor does any frame come near a pitch: noise stays far above a clean tone's aperiodicity.
        Assert.All(frames, f => Assert.True(f.Aperiodicity > 0.5, $"aperiodicity {f.Aperiodicity}"));
    }

    [Fact]
    public void Track_HarmonicTone_AperiodicityNearZero()
    {
        var frames = new PitchTracker().Track(Harmonic(220, seconds: 1)).Frames;

        Assert.All(frames.Where(f => f.Voiced), f => Assert.InRange(f.Aperiodicity, 0, 0.05));
    }

    [Fact]
    public void Extract_RealClips_FemaleVoiceSitsHigherThanMale()
    {
        // Given actor 1 (male, neutral) and actor 2 (female, angry) from RAVDESS
        var male = Extract(AudioFile.Load(Fixtures.Original("03-01-01-01-01-01-01")));
        var female = Extract(AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02")));

        // Then the male median pitch is a plausible speaking pitch (80-180 Hz), the female's over 5 semitones higher
        Assert.InRange(HertzOf(male["pitch_p50_st"]), 80, 180);
        Assert.True(female["pitch_p50_st"] - male["pitch_p50_st"] > 5, $"{female["pitch_p50_st"]} vs {male["pitch_p50_st"]} st");
        Assert.InRange(male["voiced_ratio"], 0.05, 1);
        Assert.All(male.Values.Concat(female.Values), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Extract_QuieterCopyOfRealClip_Unchanged()
    {
        // Given a real clip and the same clip 12 dB quieter
        var clip = AudioFile.Load(Fixtures.Original("03-01-02-01-01-02-01"));
        var quieter = new AudioClip([.. clip.Samples.Select(s => s / 4)], clip.SampleRate);

        // When / Then every prosody value is level-free
        var loud = Extract(clip);
        var soft = Extract(quieter);
        foreach (var (name, value) in loud)
            Assert.True(Math.Abs(value - soft[name]) < 1e-2, $"{name}: {value} vs {soft[name]}");
    }

    [Fact]
    public void Extract_Silence_GivesZerosNotNaN()
    {
        var values = Extract(new AudioClip(new float[Rate], Rate));

        Assert.All(values, pair => Assert.Equal(0f, pair.Value));
    }

    private static Dictionary<string, float> Extract(AudioClip clip)
    {
        var set = new ProsodyFeatures();
        var values = new float[set.FeatureNames.Count];
        set.Extract(new AudioAnalysis(clip, FeatureOptions.Reference), values);
        return set.FeatureNames.Zip(values).ToDictionary(p => p.First, p => p.Second);
    }

    private static double HertzOf(float semitones) => 27.5 * Math.Pow(2, semitones / 12);

    private static AudioClip Harmonic(double hertz, double seconds)
    {
        var samples = new float[(int)(seconds * Rate)];
        for (int i = 0; i < samples.Length; i++)
            for (int h = 1; h <= 4; h++)
                samples[i] += (float)(0.2 / h * Math.Sin(2 * Math.PI * hertz * h * i / Rate));
        return new AudioClip(samples, Rate);
    }
}
