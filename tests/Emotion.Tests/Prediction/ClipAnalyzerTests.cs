using System.Diagnostics;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Features;
using Emotion.Prediction;

namespace Emotion.Tests.Prediction;

public class ClipAnalyzerTests
{
    private static readonly Lazy<ModelBundle> Bundle = new(() => ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, ModelBundle.DefaultRelativePath)));

    private static readonly Lazy<ModelBundle> SpeakerBundle = new(() => ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, "models", "speaker.model.zip")));

    [Fact]
    public void PredictSpeaker_OneActorsClipsAndABrokenFile_ReadsTheClipsTogetherAndNamesTheBrokenOne()
    {
        // Given 24 real speech clips of one actor and a file that is not audio among them
        var clips = Directory.GetFiles(Path.Combine(Fixtures.SharedRavdessWav(), "Audio_Speech_Actors_01-24", "Actor_05"), "03-01-*.wav").Order(StringComparer.Ordinal).Take(24).ToList();
        using var folder = Fixtures.TempDirectory();
        File.WriteAllText(folder.File("broken.wav"), "not a recording");
        string[] paths = [.. clips.Take(12), folder.File("broken.wav"), .. clips.Skip(12)];

        // When the speaker-adapted bundle reads them together
        var verdicts = new ClipAnalyzer(SpeakerBundle.Value).PredictSpeaker(paths);

        // Then every file has its answer in order, the broken one its problem, and the answers
        // follow the clips' emotions (the actor was in training: this checks the plumbing, not generalisation)
        Assert.Equal(paths, verdicts.Select(v => v.Path));
        Assert.Contains("broken.wav", verdicts[12].Path);
        Assert.NotNull(verdicts[12].Problem);
        var answered = verdicts.Where(v => v.Verdict is not null).ToList();
        Assert.Equal(24, answered.Count);
        double accuracy = answered.Average(v => Emotion.Data.RavdessName.TryParse(v.Path, out var name) && name.Emotion == v.Verdict!.Prediction.Emotion ? 1.0 : 0.0);
        Assert.True(accuracy > 0.5, $"accuracy {accuracy:P0}");
    }

    [Fact]
    public void PredictSpeaker_FewerClipsThanTheBundleNeeds_SaysHowManyItNeeds()
    {
        var paths = Fixtures.OriginalNames.Select(Fixtures.Original).ToList();

        var error = Assert.Throws<InsufficientDataException>(() => new ClipAnalyzer(SpeakerBundle.Value).PredictSpeaker(paths));

        Assert.Equal($"This model reads a speaker's clips against their mean: it needs at least 16 clips of one speaker, and got {paths.Count}.", error.Message);
    }

    [Fact]
    public void Analyze_CancelledWhileWorking_StopsPromptly()
    {
        // Given sixteen minutes of real speech (about 1.3 s of work alone; the longest stretch
        // between two looks at the token is about 0.1 s), and a client that leaves 0.2 s after
        // sending it. The client leaves from a thread of its own: a timer's callback waits for the
        // thread pool, which the tests running beside this one can hold for longer than the whole
        // analysis. The bundle is loaded before the clock starts: on a busy machine its loading
        // alone once took longer than the bound.
        var clips = Fixtures.OriginalNames.Select(n => AudioFile.Load(Fixtures.Original(n)).Samples).ToArray();
        var speech = Enumerable.Range(0, 240).SelectMany(i => clips[i % clips.Length]).ToArray();
        var clip = new AudioClip(speech, 22050);
        var analyzer = new ClipAnalyzer(Bundle.Value);
        using var leaving = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var leftAt = TimeSpan.Zero;
        var client = new Thread(() =>
        {
            Thread.Sleep(200);
            leftAt = clock.Elapsed;
            leaving.Cancel();
        });
        client.Start();

        // When
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.Analyze(clip, "long.wav", leaving.Token));
        var stoppedAt = clock.Elapsed;
        client.Join();

        // Then the work stopped soon after the client left, rather than running to the end
        Assert.True(stoppedAt - leftAt < TimeSpan.FromSeconds(1), $"stopped {(stoppedAt - leftAt).TotalSeconds:F1} s after the client left");
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

    [Fact]
    public void Predict_TelephoneBandClip_SaysTheAnswerIsUnsureAndWhy()
    {
        // Given a real clip as a telephone line delivers it, written to a file at 8 kHz
        using var directory = Fixtures.TempDirectory();
        var clip = AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"));
        var line = new Emotion.Audio.Channels.TelephoneChannel().Apply(clip, 1).Resample(8000);
        string path = Path.Combine(directory.Path, "call.wav");
        TestWav.Write(path, line.Samples, 8000);

        // When
        var verdict = new ClipAnalyzer(Bundle.Value).Predict(path);

        // Then the answer comes with the narrow band named in plain words
        Assert.True(verdict.Unsure);
        Assert.InRange(verdict.Bandwidth, 3000, 4000);
        var caution = Assert.Single(verdict.Cautions, c => c.Kind == CautionKind.NarrowBand);
        Assert.Contains("nothing above about 3.", caution.Message);
    }

    [Fact]
    public void Predict_OverdrivenClip_SaysItIsClipped_TheSameClipAtItsLevelDoesNot()
    {
        // Given a real clip, and the same raised 20 dB into clipping and written as 16-bit PCM
        using var directory = Fixtures.TempDirectory();
        var clip = AudioFile.Load(Fixtures.Original("03-01-05-02-01-01-02"));
        string path = Path.Combine(directory.Path, "loud.wav");
        TestWav.Write(path, [.. clip.Samples.Select(s => Math.Clamp(10 * s, -1f, 1f))], clip.SampleRate);
        var analyzer = new ClipAnalyzer(Bundle.Value);

        // When both are classified
        var overdriven = analyzer.Predict(path);
        var original = analyzer.Predict(Fixtures.Original("03-01-05-02-01-01-02"));

        // Then only the overdriven one is unsure, for its clipping, with its share in words
        var caution = Assert.Single(overdriven.Cautions, c => c.Kind == CautionKind.Clipped);
        Assert.Matches(@"clipped: \d+(\.\d+)?% of it sits flat at full scale", caution.Message);
        Assert.True(overdriven.Unsure);
        Assert.DoesNotContain(original.Cautions, c => c.Kind == CautionKind.Clipped);
    }

    [Fact]
    public void Predict_RealSpeechWithLittlePitch_IsAnsweredNotRefused()
    {
        // Given real speech where the pitch tracker finds under 0.1 s of pitch: a strongly surprised
        // RAVDESS clip and an EMOVO clip recorded with more noise and room
        string[] paths =
        [
            Path.Combine(Fixtures.SharedRavdessWav(), "Audio_Speech_Actors_01-24", "Actor_09", "03-01-08-02-01-01-09.wav"),
            Directory.GetFiles(Fixtures.SharedEmovoWav(), "tri-m1-d1.wav", SearchOption.AllDirectories).Single(),
        ];
        foreach (string path in paths)
        {
            var track = new PitchTracker().Track(AudioFile.Load(path));
            Assert.True(track.Frames.Count(f => f.Voiced) * track.HopSeconds < 0.1, $"{path} has more pitch than this test needs");

            // When it is classified, then it gets an answer (the frames near a pitch count as voice)
            var verdict = new ClipAnalyzer(Bundle.Value).Predict(path);

            Assert.Contains(verdict.Prediction.Emotion, Bundle.Value.Model.Labels);
        }
    }

    [Fact]
    public void Predict_StudioClip_HasNoNarrowBandCaution()
    {
        var verdict = new ClipAnalyzer(Bundle.Value).Predict(Fixtures.Original("03-01-05-02-01-01-02"));

        Assert.DoesNotContain(verdict.Cautions, c => c.Kind == CautionKind.NarrowBand);
        Assert.True(verdict.Bandwidth > 5500, $"bandwidth {verdict.Bandwidth:F0} Hz");
    }

    [Fact]
    public void Predict_ConfidenceBelowTheLine_SaysNoEmotionStandsOut()
    {
        // Given an analyzer that doubts everything short of certainty
        var doubting = new ClipAnalyzer(Bundle.Value, new ClipAnalyzerOptions { UnsureBelow = 1.01 });

        // When
        var verdict = doubting.Predict(Fixtures.Original("03-01-01-01-01-01-01"));

        // Then the caution names the best guess and the runner-up with their probabilities
        var caution = Assert.Single(verdict.Cautions, c => c.Kind == CautionKind.LowConfidence);
        Assert.StartsWith($"No emotion stands out: {verdict.Prediction.Emotion} at ", caution.Message);
        Assert.Contains("comes next", caution.Message);
    }
}
