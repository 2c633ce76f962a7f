using Emotion.Data;
using Emotion.Models;

namespace Emotion.Tests.Models;

public class SpeakerCentringTests
{
    private static readonly PipelineOptions Plain = new KernelRidgeOptions();
    private static readonly PipelineOptions Centred = new() { Model = new KernelRidgeOptions(), Centring = SpeakerCentringOptions.Default };

    [Fact]
    public void PredictSpeaker_UnheardVoiceFarFromEveryTrainingVoice_CentredModelReadsItAndThePlainOneCannot()
    {
        // Given five training voices, each shifting the class-bearing features by its own offset
        // (a voice's habit), and a sixth voice shifted further than any of them
        var table = Voices(SyntheticTables.Clusters(actors: 6), actor => actor == 6 ? 14f : 3f * (actor - 3));
        var train = table.Where(r => r.Actor != "6");
        var test = table.Where(r => r.Actor == "6");
        var truth = test.Rows.Select(r => r.Emotion).ToList();

        // When both models read the new voice's 30 clips
        var plain = new EmotionTrainer(Plain, 7).Fit(train, table.Labels).Predict(test);
        var centred = new EmotionTrainer(Centred, 7).Fit(train, table.Labels).PredictSpeaker([.. test.Rows.Select(ModelInput.Of)]);

        // Then the plain model takes the voice's offset for an emotion, the centred one does not
        double Accuracy(IEnumerable<EmotionPrediction> p) => p.Zip(truth).Average(x => x.First.Emotion == x.Second ? 1.0 : 0.0);
        Assert.True(Accuracy(plain) < 0.5, $"plain {Accuracy(plain):P0}");
        Assert.True(Accuracy(centred) > 0.9, $"centred {Accuracy(centred):P0}");
    }

    [Fact]
    public void PredictBySpeaker_TwoVoicesInterleaved_EachReadWithItsOwnClipsInTheGivenOrder()
    {
        // Given two voices far apart, their 30 clips each interleaved
        var table = Voices(SyntheticTables.Clusters(actors: 6), actor => actor == 6 ? 14f : 3f * (actor - 3));
        var model = new EmotionTrainer(Centred, 7).Fit(table.Where(r => r.Actor is not ("5" or "6")), table.Labels);
        var five = table.Where(r => r.Actor == "5").Rows;
        var six = table.Where(r => r.Actor == "6").Rows;
        var mixed = five.Zip(six).SelectMany(p => new[] { p.First, p.Second }).ToList();

        // When
        var together = model.PredictBySpeaker([.. mixed.Select(ModelInput.Of)], [.. mixed.Select(r => r.Actor)]);

        // Then each answer is the one its voice's batch gives
        var alone = model.PredictSpeaker([.. five.Select(ModelInput.Of)]).Zip(model.PredictSpeaker([.. six.Select(ModelInput.Of)]))
            .SelectMany(p => new[] { p.First, p.Second }).ToList();
        Assert.Equal(alone.Select(p => p.Probabilities), together.Select(p => p.Probabilities));
    }

    [Fact]
    public void Predict_CentringModel_AsksForClipsOfOneSpeakerTogether()
    {
        var table = SyntheticTables.Clusters(actors: 3);
        var model = new EmotionTrainer(Centred, 7).Fit(table);
        var three = table.Rows.Take(3).Select(ModelInput.Of).ToList();

        var oneByOne = Assert.Throws<InvalidOperationException>(() => model.Predict(three[0]));
        var tooFew = Assert.Throws<InsufficientDataException>(() => model.PredictSpeaker(three));

        Assert.Contains("16 or more clips of one speaker together", oneByOne.Message);
        Assert.Equal("This model reads a speaker's clips against their mean: it needs at least 16 clips of one speaker, and got 3.", tooFew.Message);
    }

    [Fact]
    public void Fit_CentringWithoutActors_SaysItNeedsThem()
    {
        var table = SyntheticTables.Clusters(actors: 2);
        var anonymous = new FeatureTable(table.FeatureNames, [.. table.Rows.Select(r => r with { Clip = r.Clip with { Actor = null } })]);

        var error = Assert.Throws<InsufficientDataException>(() => new EmotionTrainer(Centred, 7).Fit(anonymous));

        Assert.Contains("actor", error.Message);
    }

    /// <summary>Each actor's rows with its offset added to the two class-bearing features.</summary>
    private static FeatureTable Voices(FeatureTable table, Func<int, float> offset) =>
        new(table.FeatureNames, [.. table.Rows.Select(r =>
        {
            float shift = offset(int.Parse(r.Actor!, System.Globalization.CultureInfo.InvariantCulture));
            return r with { Features = [.. r.Features.Select((v, j) => j < 2 ? v + shift : v)] };
        })]);
}
