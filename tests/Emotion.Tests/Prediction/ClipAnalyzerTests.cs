using System.Diagnostics;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Prediction;

namespace Emotion.Tests.Prediction;

public class ClipAnalyzerTests
{
    private static readonly Lazy<ModelBundle> Bundle = new(() => ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, ModelBundle.DefaultRelativePath)));

    [Fact]
    public void Analyze_CancelledWhileWorking_StopsPromptly()
    {
        // Given five minutes of real speech, and a client that leaves a moment after sending it
        var clips = Fixtures.OriginalNames.Select(n => AudioFile.Load(Fixtures.Original(n)).Samples).ToArray();
        var speech = Enumerable.Range(0, 80).SelectMany(i => clips[i % clips.Length]).ToArray();
        var clip = new AudioClip(speech, 22050);
        using var leaving = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        // When
        Assert.ThrowsAny<OperationCanceledException>(() => new ClipAnalyzer(Bundle.Value).Analyze(clip, "long.wav", leaving.Token));

        // Then the work stopped soon after, rather than running to the end
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"stopped after {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Analyze_RealClip_SpectrogramIsTheAnalysedUtterance()
    {
        // Given a RAVDESS clip: room noise, the sentence, room noise
        var clip = AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"), Bundle.Value.Features.LoadOptions);

        // When
        var analysis = new ClipAnalyzer(Bundle.Value).Analyze(clip, "angry.wav");

        // Then the picture covers the trimmed utterance inside the clip, and the model's answer stands
        Assert.Equal("angry", analysis.Prediction.Emotion);
        Assert.InRange(analysis.Spectrogram.Start, 0.3, 1.5);
        Assert.InRange(analysis.Spectrogram.End, analysis.Spectrogram.Start + 1, clip.Duration.TotalSeconds);
        Assert.Equal(128, analysis.Spectrogram.Frames[0].Length);
    }
}
