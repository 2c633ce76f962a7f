using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Models;

namespace Emotion.Tests.Evaluation;

public class ComparisonTests
{
    [Fact]
    public void Run_InformativeAgainstNoiseFeatures_RanksThemApartOnActorFolds()
    {
        // Given clusters that differ only in f0 and f1, the rest being noise
        var table = SyntheticTables.Clusters(actors: 5);
        Candidate[] candidates =
        [
            new("informative", table.SelectFeatures(n => n is "f0" or "f1"), new MaximumEntropyOptions()),
            new("noise only", table.SelectFeatures(n => n is not ("f0" or "f1")), new MaximumEntropyOptions()),
        ];

        // When
        var rows = Comparison.Run(candidates, seed: 1);

        // Then the informative pair is near perfect, noise near chance (1/3), and the report lists both
        Assert.Equal([2, 4], rows.Select(r => r.FeatureCount));
        Assert.True(rows[0].All.MeanUar > 0.95, $"informative UAR {rows[0].All.MeanUar:P1}");
        Assert.InRange(rows[1].All.MeanUar, 0.15, 0.55);
        Assert.Equal(5, rows[0].All.Folds.Count);
        string report = Emotion.Reporting.Reports.Comparison(rows, "synthetic", 1).ToString();
        Assert.Contains("| informative | 2 |", report);
        Assert.Contains("| noise only | 4 |", report);
    }
}
