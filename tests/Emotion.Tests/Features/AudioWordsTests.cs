using Emotion.Audio;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Tests.Features;

public class AudioWordsTests
{
    private static readonly AudioWordsOptions Small = new() { CodebookSize = 16, Assignments = 3, TrainingFrames = 400 };

    private static List<float[][]> SampleFrames() =>
        [.. Fixtures.OriginalNames.Select(n => AudioWords.Frames(AudioFile.Load(Fixtures.Original(n))))];

    [Fact]
    public void Encode_RealClip_CountsEachFrameTowardsItsNearestWords()
    {
        // Given a codebook learned from the six real clips
        var frames = SampleFrames();
        var words = new AudioWords(AudioCodebook.Learn(frames, Small, seed: 1));

        // When one clip is counted
        var clip = AudioFile.Load(Fixtures.Original(Fixtures.OriginalNames.First()));
        var histogram = new float[Small.CodebookSize];
        words.Extract(clip, histogram);

        // Then the counts (log(1 + n) undone) add up to frames × nearest words, over several words
        var counts = histogram.Select(h => Math.Exp(h) - 1).ToArray();
        Assert.Equal(frames[0].Length * Small.Assignments, counts.Sum(), 2);
        Assert.True(counts.Count(c => c > 0.5) >= Small.Assignments + 2, string.Join(", ", counts.Select(c => c.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(80, frames[0][0].Length);
    }

    [Fact]
    public void Learn_SameSeed_SameCodebook_OtherSeedAnother()
    {
        var frames = SampleFrames();

        var first = AudioCodebook.Learn(frames, Small, seed: 1);
        var again = AudioCodebook.Learn(frames, Small, seed: 1);
        var other = AudioCodebook.Learn(frames, Small, seed: 2);

        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
    }

    [Fact]
    public void SaveLoad_RealCodebook_CountsAlike()
    {
        var frames = SampleFrames();
        var codebook = AudioCodebook.Learn(frames, Small, seed: 1);
        using var stream = new MemoryStream();

        codebook.Save(stream);
        stream.Position = 0;
        var loaded = AudioCodebook.Load(stream);

        Assert.Equal(codebook.Fingerprint, loaded.Fingerprint);
        Assert.Equal(Small, loaded.Options);
        var expected = new float[Small.CodebookSize];
        var actual = new float[Small.CodebookSize];
        codebook.Encode(frames[3], expected);
        loaded.Encode(frames[3], actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Load_Truncated_SaysDamaged()
    {
        using var stream = new MemoryStream();
        AudioCodebook.Learn(SampleFrames(), Small, seed: 1).Save(stream);

        var error = Assert.Throws<InvalidDataException>(() => AudioCodebook.Load(new MemoryStream(stream.ToArray()[..100])));

        Assert.Contains("damaged codebook", error.Message);
    }

    [Fact]
    public void Learn_FewerFramesThanWords_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => AudioCodebook.Learn([SampleFrames()[0][..10]], Small, seed: 1));

        Assert.Contains("10 frames cannot make 16 words", error.Message);
    }

    [Fact]
    public void WithLearnedFeatures_HeldOutRows_DoNotShapeTheCodebook()
    {
        // Given a table of the six real clips with their frames, one of them made wildly different
        var frames = SampleFrames();
        var paths = Fixtures.OriginalNames.Select(n => n + ".wav").ToList();
        frames[5] = [.. frames[5].Select(f => f.Select(v => 1000 * v + 5000).ToArray())];
        var table = new FeatureTable(["level"], [.. paths.Select((p, i) => new FeatureRow([p, "", "speech", i % 2 == 0 ? "angry" : "calm", "", "", "", $"{i + 1}", ""], [i]))])
            .WithWords(new WordFrames(paths.Zip(frames).ToDictionary(p => p.First, p => p.Second), Small));
        int[] training = [0, 1, 2, 3, 4];

        // When the words are learned for a fold that holds the odd clip out
        var learned = table.WithLearnedFeatures(training, seed: 7);

        // Then they are exactly the words of a codebook learned from the training clips alone, after the table's own column
        var codebook = AudioCodebook.Learn([.. frames.Take(5)], Small, seed: 7);
        Assert.Equal(1 + Small.CodebookSize, learned.FeatureNames.Count);
        Assert.Equal(1 + Small.CodebookSize, table.LearnerFeatureCount);
        for (int i = 0; i < paths.Count; i++)
        {
            var expected = new float[Small.CodebookSize];
            codebook.Encode(frames[i], expected);
            Assert.Equal([i, .. expected], learned.Rows[i].Features);
        }
    }

    [Fact]
    public void CrossValidation_RealSpeechOfTenActors_WordsAloneFarAboveChance()
    {
        // Given the frames of 10 actors' speech clips (600 real clips), trimmed and level-normalised as the bundle's features are
        var root = Fixtures.SharedRavdessWav();
        var catalog = CorpusCatalog.Scan(root).Where(c => c.Ravdess is { VocalChannel: VocalChannel.Speech, Actor: <= 10 });
        var clips = new FeatureTable([], [.. catalog.Clips.Select(c => new FeatureRow(FeatureCsv.Metadata(c), []))]);
        var table = clips.WithWords(WordFrames.Extract(root, clips, FeatureExtractor.Extended, new AudioWordsOptions()));

        // When cross-validated by actor, each fold learning its codebook from its training actors
        var result = CrossValidation.Run(table, new KernelRidgeOptions(), Folds.ByActor(table, Protocols.FoldCount), seed: 42);

        // Then the histogram of words alone carries the emotion: far above the 1/8 of chance
        Assert.Equal(600, table.Rows.Count);
        Assert.True(result.MeanUar > 0.35, $"UAR {result.MeanUar:P1}");
    }
}
