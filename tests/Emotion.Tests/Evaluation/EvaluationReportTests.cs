using Emotion.Evaluation;

namespace Emotion.Tests.Evaluation;

public class EvaluationReportTests
{
    [Fact]
    public void FromPredictions_ImbalancedClasses_UarDiffersFromAccuracy()
    {
        // Given 8 "a" (6 right) and 2 "b" (1 right, 1 called "a")
        string[] actual = ["a", "a", "a", "a", "a", "a", "a", "a", "b", "b"];
        string[] predicted = ["a", "a", "a", "a", "a", "a", "b", "b", "b", "a"];

        // When
        var report = EvaluationReport.FromPredictions(["a", "b"], actual, predicted);

        // Then accuracy counts rows, UAR averages the two recalls
        Assert.Equal([[6, 2], [1, 1]], report.ConfusionMatrix);
        Assert.Equal(0.7, report.Accuracy, 1e-12);
        Assert.Equal((6.0 / 8 + 1.0 / 2) / 2, report.UnweightedAverageRecall, 1e-12);
        var a = report.PerClass[0];
        Assert.Equal(6.0 / 7, a.Precision, 1e-12);
        Assert.Equal(2 * (6.0 / 7) * 0.75 / (6.0 / 7 + 0.75), a.F1, 1e-12);
        Assert.Equal(8, a.Support);
    }

    [Fact]
    public void Pool_TwoFolds_AddsMatrices()
    {
        var first = EvaluationReport.FromPredictions(["a", "b"], ["a", "b"], ["a", "a"]);
        var second = EvaluationReport.FromPredictions(["a", "b"], ["b", "b"], ["b", "b"]);

        var pooled = EvaluationReport.Pool([first, second]);

        Assert.Equal([[1, 0], [1, 2]], pooled.ConfusionMatrix);
    }

    [Fact]
    public void FromPredictions_UnknownLabel_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => EvaluationReport.FromPredictions(["a"], ["a"], ["z"]));

        Assert.Contains("'z'", error.Message);
    }
}
