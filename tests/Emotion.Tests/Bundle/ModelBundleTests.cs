using System.IO.Compression;
using Emotion.Audio;
using Emotion.Bundle;
using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Tests.Bundle;

public class ModelBundleTests
{
    public static TheoryData<ModelOptions> Learners => [new RandomForestOptions { Trees = 20 }, new LinearSvmOptions(), new LightGbmOptions { Iterations = 20, MinimumExamplesPerLeaf = 1 }, new KernelRidgeOptions(),
        new InnerSearchOptions { Candidates = [new KernelRidgeOptions { Ridge = 3 }, new KernelRidgeOptions()], Folds = 2 }];

    [Theory]
    [MemberData(nameof(Learners))]
    public void SaveLoad_AnyLearner_GivesIdenticalPredictions(ModelOptions options)
    {
        // Given a model trained on real features of the six sample clips (label = their emotion)
        var (bundle, table) = TrainOnSamples(options);
        using var stream = new MemoryStream();

        // When saved and loaded
        bundle.Save(stream);
        stream.Position = 0;
        var loaded = ModelBundle.Load(stream, "memory");

        // Then every probability is the same, and so is the card
        Assert.Equal(bundle.Model.Predict(table).Select(p => p.Probabilities), loaded.Model.Predict(table).Select(p => p.Probabilities));
        Assert.Equal(bundle.CardJson, loaded.CardJson);
        Assert.Equal(bundle.Predict(Fixtures.Original("03-01-05-02-01-01-02")), loaded.Predict(Fixtures.Original("03-01-05-02-01-01-02")), new PredictionComparer());
    }

    [Theory]
    [InlineData("models/default.model.zip", 212 + 256)]
    [InlineData("models/reference-forest.model.zip", 80)]
    public void Load_ShippedBundles_FindTheirFeatureComputation(string path, int features)
    {
        // Given the two bundles in the repository (the default on the extended features and audio words)
        var bundle = ModelBundle.Load(Path.Combine(Fixtures.RepositoryRoot, path));

        // Then each gets back the extractor it was trained with, and predicts a real clip through it
        Assert.Equal(features, bundle.Features.FeatureNames.Count + (bundle.Model.Codebook?.Options.CodebookSize ?? 0));
        Assert.Equal(bundle.Card.Features.Fingerprint, bundle.Features.Fingerprint);
        Assert.Equal("angry", bundle.Predict(Fixtures.Original("03-01-05-02-01-01-02")).Emotion);
    }

    [Fact]
    public void SaveLoad_AudioWords_KeepsTheCodebook()
    {
        // Given a pipeline that learns a codebook of 8 words from the six real clips' frames, then kernel ridge
        var words = new PipelineOptions { Words = new AudioWordsOptions { CodebookSize = 8, Assignments = 2, TrainingFrames = 200 }, Model = new KernelRidgeOptions() };
        var (bundle, _) = TrainOnSamples(words);
        using var stream = new MemoryStream();

        // When saved and loaded
        bundle.Save(stream);
        stream.Position = 0;
        var loaded = ModelBundle.Load(stream, "memory");

        // Then the codebook travels inside: the same words, settings and predictions
        Assert.Equal(bundle.Model.Codebook!.Fingerprint, loaded.Model.Codebook!.Fingerprint);
        Assert.Equal(bundle.Features.Settings, loaded.Features.Settings);
        Assert.Equal(bundle.Predict(Fixtures.Original("03-01-05-02-01-01-02")), loaded.Predict(Fixtures.Original("03-01-05-02-01-01-02")), new PredictionComparer());
    }

    [Fact]
    public void SaveLoad_Calibrated_KeepsTheTemperature()
    {
        // Given a kernel ridge whose confidence is calibrated on three inner folds of the six clips' features
        var calibrated = new PipelineOptions { Model = new KernelRidgeOptions(), Calibration = new CalibrationOptions { Folds = 3 } };
        var (bundle, table) = TrainOnSamples(calibrated);
        using var stream = new MemoryStream();

        // When saved and loaded
        bundle.Save(stream);
        stream.Position = 0;
        var loaded = ModelBundle.Load(stream, "memory");

        // Then the fitted temperature travels in calibration.json, and the probabilities are the same
        Assert.Equal(bundle.Model.Calibration, loaded.Model.Calibration);
        Assert.Equal(bundle.Model.Predict(table).Select(p => p.Probabilities), loaded.Model.Predict(table).Select(p => p.Probabilities));
        using var zip = new ZipArchive(new MemoryStream(stream.ToArray()));
        Assert.NotNull(zip.GetEntry("calibration.json"));
    }

    [Fact]
    public void Load_CalibrationWithoutTemperature_SaysDamaged()
    {
        var (bundle, _) = TrainOnSamples(new PipelineOptions { Model = new KernelRidgeOptions(), Calibration = new CalibrationOptions { Folds = 3 } });
        using var saved = new MemoryStream();
        bundle.Save(saved);
        using (var zip = new ZipArchive(saved, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("calibration.json")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("calibration.json").Open());
            writer.Write("{\"temperature\": -1}");
        }
        saved.Position = 0;

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(saved, "tampered.zip"));

        Assert.Equal("tampered.zip: damaged bundle (calibration.json holds no positive temperature)", error.Message);
    }

    [Fact]
    public void Load_NewerFormat_SaysUpdate()
    {
        var bytes = Rewrite(TrainOnSamples(new RandomForestOptions { Trees = 2 }).Bundle, card => card with { FormatVersion = ModelBundle.CurrentFormatVersion + 1 });

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(new MemoryStream(bytes), "new.zip"));

        Assert.Contains($"new.zip: bundle format {ModelBundle.CurrentFormatVersion + 1} is newer than this library reads ({ModelBundle.CurrentFormatVersion})", error.Message);
    }

    [Fact]
    public void Load_FormatOne_SaysRetrain()
    {
        // Given a bundle as the previous library wrote it: features named by a settings string
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var card = new StreamWriter(zip.CreateEntry("card.json").Open()))
            card.Write("{\"formatVersion\": 1, \"features\": {\"settings\": \"v1 resample(0.915,1,100) mean+std mfcc(sr=22050)\"}}");
        stream.Position = 0;

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(stream, "old.zip"));

        Assert.Contains("old.zip: bundle format 1 is older than this library reads (2)", error.Message);
        Assert.Contains("retrain it with scripts/best.cs", error.Message);
    }

    [Fact]
    public void Load_FeaturesComputedDifferently_SaysRetrain()
    {
        var bytes = Rewrite(TrainOnSamples(new RandomForestOptions { Trees = 2 }).Bundle, card => card with { Features = card.Features with { Fingerprint = "0123456789abcdef" } });

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(new MemoryStream(bytes), "other.zip"));

        Assert.Contains("other.zip: the model was trained on features this library version computes differently (fingerprint 0123456789abcdef", error.Message);
    }

    [Theory]
    [InlineData(new byte[0], "damaged model bundle")]
    [InlineData(new byte[] { 80, 75, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "not a model bundle")]
    public void Load_NotABundle_SaysSo(byte[] content, string problem)
    {
        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(new MemoryStream(content), "x.zip"));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysNotFound()
    {
        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load("/no/model.zip"));

        Assert.Equal("/no/model.zip: model bundle not found", error.Message);
    }

    private static (ModelBundle Bundle, FeatureTable Table) TrainOnSamples(PipelineOptions options)
    {
        var features = FeatureExtractor.Default;
        var table = CorpusExtractor.Run(CorpusCatalog.Scan(Fixtures.OriginalsDirectory), features, new CorpusExtractionOptions { Frames = options.Words is not null }).ToTable();
        var model = new EmotionTrainer(options, 1).Fit(table);
        var summary = MetricSummary.From("training rows", EvaluationReport.FromPredictions(table.Labels, [.. table.Rows.Select(r => r.Emotion)], [.. model.Predict(table).Select(p => p.Emotion)]));
        var card = new ModelCard
        {
            FormatVersion = ModelBundle.CurrentFormatVersion,
            Created = DateTimeOffset.UnixEpoch,
            Model = options,
            Seed = 1,
            Labels = model.Labels,
            Features = new FeatureSpec(features.Options, features.Fingerprint, model.FeatureNames),
            Training = new TrainingSummary("six samples", table.Rows.Count, table.ClassCounts().ToDictionary(c => c.Label, c => c.Count)),
            ReferenceProtocol = summary,
            SpeakerIndependent = summary,
        };
        return (new ModelBundle(model, features, card), table);
    }

    /// <summary>Saves <paramref name="bundle"/> with its card changed by <paramref name="change"/>.</summary>
    private static byte[] Rewrite(ModelBundle bundle, Func<ModelCard, ModelCard> change)
    {
        var changed = new ModelBundle(bundle.Model, bundle.Features, change(bundle.Card));
        using var stream = new MemoryStream();
        changed.Save(stream);
        return stream.ToArray();
    }

    private sealed class PredictionComparer : IEqualityComparer<EmotionPrediction>
    {
        public bool Equals(EmotionPrediction? x, EmotionPrediction? y) =>
            x is not null && y is not null && x.Emotion == y.Emotion && x.Probabilities.SequenceEqual(y.Probabilities);

        public int GetHashCode(EmotionPrediction obj) => obj.Emotion.GetHashCode(StringComparison.Ordinal);
    }
}
