using Emotion.Models;

namespace Emotion.Tests.Models;

public class KernelRidgeClassifierTests
{
    [Fact]
    public void CholeskySolve_SymmetricPositiveDefinite_SolvesEveryColumn()
    {
        // Given A = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]] and two right-hand sides made from known solutions
        double[] a = [4, 2, 0.4, 2, 5, 1, 0.4, 1, 3];
        double[][] solutions = [[1, -2, 0.5], [0, 3, -1]];
        var b = new double[3 * 2];
        for (int i = 0; i < 3; i++)
            for (int c = 0; c < 2; c++)
                b[i * 2 + c] = Enumerable.Range(0, 3).Sum(k => a[i * 3 + k] * solutions[c][k]);

        // When
        KernelRidgeClassifier.CholeskySolve((double[])a.Clone(), 3, b, 2);

        // Then both columns come back
        for (int i = 0; i < 3; i++)
            for (int c = 0; c < 2; c++)
                Assert.Equal(solutions[c][i], b[i * 2 + c], 10);
    }

    [Fact]
    public void CholeskySolve_NotPositiveDefinite_SaysToRaiseTheRidge()
    {
        double[] singular = [1, 2, 2, 1];

        var error = Assert.Throws<InvalidOperationException>(() => KernelRidgeClassifier.CholeskySolve(singular, 2, new double[2], 1));

        Assert.Contains("ridge", error.Message, StringComparison.Ordinal);
    }
}
