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

    /// <summary>The table with <paramref name="copies"/> degraded copies of every clip after the clips.</summary>
    private static FeatureTable WithCopies(FeatureTable table, int copies) => new(table.FeatureNames,
        [.. table.Rows, .. Enumerable.Range(0, copies).SelectMany(c => table.Rows.Select(r => r with { Features = [.. r.Features.Select(v => v + 0.1f * (c + 1))], Channel = $"copy {c}" }))]);

    [Fact]
    public void Copies_train_beside_their_clips_and_are_never_tested()
    {
        var table = SyntheticTables.Clusters(actors: 6, perClassPerActor: 5);
        var augmented = WithCopies(table, 2);
        var splits = new[]
        {
            ("by actor", Folds.ByActor(augmented, 3), Folds.ByActor(table, 3)),
            ("stratified", Folds.Stratified(augmented, 5, 7), Folds.Stratified(table, 5, 7)),
            ("holdout", [Folds.StratifiedHoldout(augmented, 0.2, 7)], [Folds.StratifiedHoldout(table, 0.2, 7)]),
        };
        foreach (var (name, withCopies, without) in splits)
        {
            Assert.Equal(without.Count, withCopies.Count);
            for (int f = 0; f < without.Count; f++)
            {
                var fold = withCopies[f];
                // The same clips are tested as without copies, and nothing else.
                Assert.Equal(without[f].Test.Select(i => table.Rows[i].Path), fold.Test.Select(i => augmented.Rows[i].Path));
                Assert.All(fold.Test, i => Assert.Null(augmented.Rows[i].Channel));
                var tested = fold.Test.Select(i => augmented.Rows[i].Path).ToHashSet();
                Assert.DoesNotContain(fold.Train, i => tested.Contains(augmented.Rows[i].Path));
                // Every training clip brings its two copies.
                Assert.Equal(3 * without[f].Train.Length, fold.Train.Length);
            }
        }
    }

    [Fact]
    public void Balancing_counts_clips_not_copies_and_keeps_the_copies_of_the_clips_kept()
    {
        var table = SyntheticTables.Clusters(actors: 4, perClassPerActor: 5);
        var uneven = table.Where(r => r.Emotion != "angry" || r.Actor != "1");
        var augmented = WithCopies(uneven, 1);

        var balanced = augmented.Balance(3);

        var clips = balanced.Where(r => r.Channel is null);
        Assert.All(clips.ClassCounts(), c => Assert.Equal(15, c.Count));
        Assert.Equal(clips.Rows.Select(r => r.Path).Order(), balanced.Where(r => r.Channel is not null).Rows.Select(r => r.Path).Order());
        Assert.Equal(uneven.Balance(3).Rows.Select(r => r.Path), clips.Rows.Select(r => r.Path));
    }
}
