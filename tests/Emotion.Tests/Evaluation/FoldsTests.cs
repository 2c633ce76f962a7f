using Emotion.Data;
using Emotion.Evaluation;

namespace Emotion.Tests.Evaluation;

public class FoldsTests
{
    [Fact]
    public void ByActor_FiveFolds_NoSpeakerOnBothSidesAndEveryRowTestedOnce()
    {
        // Given 10 actors
        var table = SyntheticTables.Clusters(actors: 10);

        // When
        var folds = Folds.ByActor(table, 5);

        // Then each fold holds out two whole actors that never appear in its training rows
        Assert.Equal(5, folds.Count);
        foreach (var fold in folds)
        {
            var testActors = fold.Test.Select(i => table.Rows[i].Actor).ToHashSet();
            Assert.Equal(2, testActors.Count);
            Assert.DoesNotContain(fold.Train, i => testActors.Contains(table.Rows[i].Actor));
        }
        Assert.Equal(Enumerable.Range(0, table.Rows.Count), folds.SelectMany(f => f.Test).Order());
        Assert.Equal("actors 1-2", folds[0].Description);
    }

    [Fact]
    public void ByActorAndStatement_TwoStatements_TestsTheSentenceTrainingNeverHeard()
    {
        // Given 10 actors, each row saying statement 1 or 2
        var table = SyntheticTables.Clusters(actors: 10);
        table = new FeatureTable(table.FeatureNames, [.. table.Rows.Select((r, i) => r with { Clip = r.Clip with { Statement = 1 + i % 2 } })]);

        // When
        var folds = Folds.ByActorAndStatement(table, 5);

        // Then each actor fold appears twice, trained on one statement and tested on the other
        Assert.Equal(10, folds.Count);
        foreach (var fold in folds)
        {
            Assert.Single(fold.Train.Select(i => table.Rows[i].Clip.Statement).Distinct());
            Assert.NotEqual(table.Rows[fold.Train[0]].Clip.Statement, table.Rows[fold.Test[0]].Clip.Statement);
            Assert.Single(fold.Test.Select(i => table.Rows[i].Clip.Statement).Distinct());
            var testActors = fold.Test.Select(i => table.Rows[i].Actor).ToHashSet();
            Assert.DoesNotContain(fold.Train, i => testActors.Contains(table.Rows[i].Actor));
        }
        Assert.Equal(Enumerable.Range(0, table.Rows.Count), folds.SelectMany(f => f.Test).Order());
        Assert.Equal("actors 1-2, statement 2 (trained on 1)", folds[0].Description);
    }

    [Fact]
    public void ByActorAndStatement_NoStatements_SaysSo()
    {
        var error = Assert.Throws<InsufficientDataException>(() => Folds.ByActorAndStatement(SyntheticTables.Clusters(), 5));

        Assert.Contains("need two statements on every row; the table has: 1", error.Message);
    }

    [Fact]
    public void StratifiedHoldout_TwentyPercent_KeepsClassProportions()
    {
        var table = SyntheticTables.Clusters(actors: 5);

        var fold = Folds.StratifiedHoldout(table, 0.2, seed: 42);

        Assert.Equal(30, fold.Test.Length);
        Assert.All(table.Labels, label => Assert.Equal(10, fold.Test.Count(i => table.Rows[i].Emotion == label)));
        Assert.Empty(fold.Train.Intersect(fold.Test));
        Assert.Equal(fold.Test, Folds.StratifiedHoldout(table, 0.2, seed: 42).Test);
    }

    [Fact]
    public void ByActor_RowWithoutActor_SaysWhich()
    {
        var table = SyntheticTables.Clusters(actors: 3);
        var broken = new Emotion.Data.FeatureTable(table.FeatureNames, [.. table.Rows.Take(5), table.Rows[5] with { Clip = table.Rows[5].Clip with { Actor = null } }]);

        var error = Assert.Throws<InsufficientDataException>(() => Folds.ByActor(broken, 2));

        Assert.Contains(table.Rows[5].Path, error.Message);
    }
}
