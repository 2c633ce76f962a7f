using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Models;

namespace Emotion.Tests.Models;

public class EmotionTrainerTests
{
    public static TheoryData<ModelOptions> Learners => [new RandomForestOptions { Trees = 30 }, RandomForestOptions.ReferenceTuned with { Trees = 30 }, new LinearSvmOptions(), new MaximumEntropyOptions(), new LightGbmOptions { Iterations = 50, MinimumExamplesPerLeaf = 5 }, new KernelRidgeOptions(), new InnerSearchOptions { Candidates = [new KernelRidgeOptions(), new MaximumEntropyOptions()], Folds = 2 }];

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fit_SeparableClasses_ClassifiesHeldOutActorsAlmostPerfectly(ModelOptions options)
    {
        // Given three well-separated classes and two actors held out
        var table = SyntheticTables.Clusters(actors: 6);
        var fold = Folds.ByActor(table, 3)[0];

        // When
        var report = CrossValidation.Evaluate(table, options, fold, table.Labels, seed: 7);

        // Then nearly every held-out row is right, and probabilities are proper
        Assert.True(report.Accuracy > 0.95, $"{options.Describe()}: accuracy {report.Accuracy:P1}");
        var prediction = new EmotionTrainer(options, 7).Fit(table).Predict(ModelInput.Of(table.Rows[0]));
        Assert.Equal(1f, prediction.Probabilities.Sum(), 3);
        Assert.Equal(prediction.Probabilities.Max(), prediction.Confidence);
    }

    [Fact]
    public void Fit_SameSeed_SameForest()
    {
        var table = SyntheticTables.Clusters();
        var options = new RandomForestOptions { Trees = 20 };

        var first = new EmotionTrainer(options, 3).Fit(table).Predict(table);
        var second = new EmotionTrainer(options, 3).Fit(table).Predict(table);

        Assert.Equal(first.Select(p => p.Probabilities), second.Select(p => p.Probabilities));
    }

    [Fact]
    public void InnerSearch_OverfittingCandidateFirst_ChoosesTheOneThatGeneralisesAcrossActors()
    {
        // Given a kernel so narrow that it only recalls training rows, listed before a sensible one
        var table = SyntheticTables.Clusters(actors: 6);
        var narrow = new KernelRidgeOptions { GammaScale = 6000 };
        var sensible = new KernelRidgeOptions();
        var search = new InnerSearchOptions { Candidates = [narrow, sensible], Folds = 3 };

        // When
        var chosen = new EmotionTrainer(search, 1).Fit(table).Predict(table);

        // Then its model is the sensible candidate trained on everything
        var expected = new EmotionTrainer(sensible, 1).Fit(table).Predict(table);
        Assert.Equal(expected.Select(p => p.Probabilities), chosen.Select(p => p.Probabilities));
    }

    [Fact]
    public void Forest_MaximumDepthOne_IsAStump()
    {
        // Given a single tree of depth 1 with no feature sampling, on three classes
        var table = SyntheticTables.Clusters();
        var stump = new RandomForestOptions { Trees = 1, MaximumDepth = 1, MaximumFeatures = 6, Bootstrap = false };

        // When
        var predicted = new EmotionTrainer(stump, 1).Fit(table).Predict(table).Select(p => p.Emotion).Distinct().Count();

        // Then one split can tell apart at most two classes
        Assert.Equal(2, predicted);
    }
}
