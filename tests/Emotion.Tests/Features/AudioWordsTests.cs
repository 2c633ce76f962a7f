using Emotion.Audio;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Tests.Features;

public class AudioWordsTests
{
    private static readonly AudioWordsOptions Small = new() { CodebookSize = 16, Assignments = 3, TrainingFrames = 400 };

    private static List<FrameMatrix> SampleFrames() =>
        [.. Fixtures.OriginalNames.Select(n => FeatureExtractor.Default.Analyze(AudioFile.Load(Fixtures.Original(n))).WordFrames())];

    [Fact]
    public void Encode_RealClip_CountsEachFrameTowardsItsNearestWords()
    {
        // Given a codebook learned from the six real clips
        var frames = SampleFrames();
        var codebook = AudioCodebook.Learn(frames, Small, seed: 1);

        // When one clip is counted (a number of its frames that leaves a short last group: they are counted four at a time)
        var clip = frames[0].Slice(0, frames[0].Count / 4 * 4 - 1);
        var histogram = new float[Small.CodebookSize];
        codebook.Encode(clip, histogram);

        // Then the counts (log(1 + n) undone) add up to frames × nearest words, over several words
        var counts = histogram.Select(h => Math.Exp(h) - 1).ToArray();
        Assert.Equal(clip.Count * Small.Assignments, counts.Sum(), 2);
        Assert.True(counts.Count(c => c > 0.5) >= Small.Assignments + 2, string.Join(", ", counts.Select(c => c.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(80, frames[0].Width);
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

    [Theory]
    [InlineData(int.MaxValue, 80)]
    [InlineData(16, -1)]
    [InlineData(16, int.MaxValue)]
    public void Load_DamagedSizes_SaysDamagedBeforeSizingAnything(int words, int length)
    {
        // Given a codebook header claiming these sizes (a valid version and options otherwise), and a standardiser when the length is sane
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            foreach (int value in new[] { 1, words, 3, int.MaxValue, 12, length })
                writer.Write(value);
            for (int j = 0; j < (length is > 0 and < 1000 ? 2 * length : 0); j++)
                writer.Write(1f);
        }

        var error = Assert.Throws<InvalidDataException>(() => AudioCodebook.Load(new MemoryStream(stream.ToArray())));

        Assert.Contains("damaged codebook", error.Message);
    }

    [Fact]
    public void Learn_SilentClipsAmongThem_LearnsFromTheOthersAlone()
    {
        // Given the six clips, and clips with no frames (a cache holds those as width 0)
        var frames = SampleFrames();

        // When learned with them among the others
        var learned = AudioCodebook.Learn([new FrameMatrix([], 0), .. frames, new FrameMatrix([], 80)], Small, seed: 1);

        // Then the codebook is the one the six give alone, and an empty clip counts no words
        Assert.Equal(AudioCodebook.Learn(frames, Small, seed: 1).Fingerprint, learned.Fingerprint);
        var histogram = new float[Small.CodebookSize];
        learned.Encode(new FrameMatrix([], 0), histogram);
        Assert.All(histogram, h => Assert.Equal(0, h));
    }

    [Fact]
    public void Learn_FewerFramesThanWords_SaysSo()
    {
        var error = Assert.Throws<InsufficientDataException>(() => AudioCodebook.Learn([SampleFrames()[0].Slice(0, 10)], Small, seed: 1));

        Assert.Contains("10 frames cannot make 16 words", error.Message);
    }

    [Fact]
    public void Fit_HeldOutRows_DoNotShapeTheCodebook()
    {
        // Given a table of the six real clips with their frames, the last made wildly different
        var frames = SampleFrames();
        frames[5] = new FrameMatrix([.. frames[5].Values.ToArray().Select(v => 1000 * v + 5000)], frames[5].Width);
        var table = new FeatureTable(["level"], [.. frames.Select((f, i) =>
            new FeatureRow(new ClipInfo($"{i}.wav", i % 2 == 0 ? "angry" : "calm") { Actor = $"{i + 1}" }, [i]) { Frames = f })]);
        var options = new PipelineOptions { Words = Small, Model = new KernelRidgeOptions() };

        // When the pipeline is fitted on a fold that holds the odd clip out
        var model = new EmotionTrainer(options, seed: 7).Fit(table.Select([0, 1, 2, 3, 4]));

        // Then its codebook is exactly the one learned from the training clips alone, and the held-out clip is counted with it
        Assert.Equal(AudioCodebook.Learn([.. frames.Take(5)], Small, seed: 7).Fingerprint, model.Codebook!.Fingerprint);
        var expected = new float[Small.CodebookSize];
        model.Codebook.Encode(frames[5], expected);
        Assert.Equal([5f, .. expected], model.LearnerRows([ModelInput.Of(table.Rows[5])])[0]);
    }

    [Fact]
    public void CrossValidation_RealSpeechOfTenActors_WordsAloneFarAboveChance()
    {
        // Given the frames of 10 actors' speech clips (600 real clips), trimmed and level-normalised as the bundle's features are
        var catalog = CorpusCatalog.Scan(Fixtures.SharedRavdessWav())
            .Where(c => c.Info.VocalChannel == VocalChannel.Speech && int.Parse(c.Info.Actor!, System.Globalization.CultureInfo.InvariantCulture) <= 10);
        var table = CorpusExtractor.Run(catalog, FeatureExtractor.Extended, new CorpusExtractionOptions { Frames = true }).ToTable().SelectFeatures(_ => false);

        // When cross-validated by actor, each fold learning its codebook from its training actors
        var result = CrossValidation.Run(table, new PipelineOptions { Words = new AudioWordsOptions(), Model = new KernelRidgeOptions() }, Folds.ByActor(table, Protocols.FoldCount), seed: 42);

        // Then the histogram of words alone carries the emotion: far above the 1/8 of chance
        Assert.Equal(600, table.Rows.Count);
        Assert.True(result.MeanUar > 0.35, $"UAR {result.MeanUar:P1}");
    }
}
