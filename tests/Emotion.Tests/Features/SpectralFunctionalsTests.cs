using Emotion.Audio;
using Emotion.Features;

namespace Emotion.Tests.Features;

public class SpectralFunctionalsTests
{
    [Fact]
    public void Delta_Ramp_IsOneInsideAndHalfAtTheRepeatedEdges()
    {
        // librosa.feature.delta(width=5, mode='nearest') of 0, 1, 2, ...
        var delta = Functionals.Delta([0, 1, 2, 3, 4, 5, 6]);

        Assert.Equal([0.5f, 0.8f, 1f, 1f, 1f, 0.8f, 0.5f], delta);
    }

    [Fact]
    public void Extract_QuieterCopyOfRealClip_RelativeFeaturesUnchanged()
    {
        // Given a real clip and the same clip 12 dB quieter
        var clip = AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"));
        var quieter = new AudioClip([.. clip.Samples.Select(s => s / 4)], clip.SampleRate);
        var set = new SpectralFunctionals(MfccOptions.Librosa);

        // When
        var loud = new float[set.FeatureNames.Count];
        var soft = new float[set.FeatureNames.Count];
        set.Extract(new AudioAnalysis(clip, FeatureOptions.Reference), loud);
        set.Extract(new AudioAnalysis(quieter, FeatureOptions.Reference), soft);

        // Then every functional is level-free (the MFCC statistics' mfcc_0 would move by 12 dB x sqrt(128))
        Assert.Equal(113, set.FeatureNames.Count);
        for (int i = 0; i < loud.Length; i++)
            Assert.True(Math.Abs(loud[i] - soft[i]) < 1e-2, $"{set.FeatureNames[i]}: {loud[i]} vs {soft[i]}");
        Assert.All(loud, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Extended_ReferenceFeaturesFirst_ThenFunctionals()
    {
        var names = FeatureExtractor.Extended.FeatureNames;

        Assert.Equal(212, names.Count);
        Assert.Equal(FeatureExtractor.Default.FeatureNames, names.Take(80));
        Assert.Equal("mfcc_delta_std_0", names[80]);
        Assert.NotEqual(FeatureExtractor.Default.Fingerprint, FeatureExtractor.Extended.Fingerprint);
    }
}
