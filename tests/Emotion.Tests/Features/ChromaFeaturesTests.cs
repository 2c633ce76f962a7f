using Emotion.Audio;
using Emotion.Features;

namespace Emotion.Tests.Features;

public class ChromaFeaturesTests
{
    private const int Rate = 22050;

    [Theory]
    [InlineData(440.0, 9)]
    [InlineData(261.63, 0)]
    [InlineData(392.0, 7)]
    [InlineData(311.13, 3)]
    public void Extract_Sine_EnergyLandsInItsPitchClass(double hertz, int pitchClass)
    {
        // Given a second of a pure tone (A4, C4, G4, D#4), pitch classes counted from C
        var clip = new AudioClip([.. Enumerable.Range(0, Rate).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * hertz * i / Rate)))], Rate);

        // When
        var values = Extract(clip);

        // Then its class carries the peak of every frame (mean 1 after each frame's scaling), the others far less
        Assert.Equal(1f, values[pitchClass], 2);
        Assert.All(Enumerable.Range(0, 12).Where(c => c != pitchClass), c => Assert.True(values[c] < 0.5f, $"class {c}: {values[c]:F2}"));
        Assert.True(values[12 + pitchClass] < 0.01f, "a steady tone's class does not vary");
    }

    [Fact]
    public void Extract_Silence_GivesZerosNotNaN()
    {
        var values = Extract(new AudioClip(new float[Rate], Rate));

        Assert.All(values, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Extractor_WithChroma_AddsTwentyFourNamedValuesAfterTheOthers()
    {
        var extractor = new FeatureExtractor(FeatureOptions.Reference with { Sets = [FeatureSetKind.MfccStatistics, FeatureSetKind.Chroma] });

        var features = extractor.Extract(AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02")));

        Assert.Equal(104, features.Length);
        Assert.Equal("chroma_0_mean", extractor.FeatureNames[80]);
        Assert.Equal("chroma_11_std", extractor.FeatureNames[103]);
        Assert.Equal(FeatureExtractor.Default.Extract(AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"))), features[..80]);
        Assert.All(features[80..92], v => Assert.InRange(v, 0, 1));
    }

    private static float[] Extract(AudioClip clip)
    {
        var set = new ChromaFeatures();
        var values = new float[set.FeatureNames.Count];
        set.Extract(new AudioAnalysis(clip, FeatureOptions.Reference with { Sets = [FeatureSetKind.Chroma] }), values);
        return values;
    }
}
