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

    [Theory]
    [InlineData(37)]
    [InlineData(130)]
    public void CholeskySolve_LargerThanItsBlocks_SolvesTheSystem(int n)
    {
        // Given a random symmetric positive definite system (Mᵀ·M + I) of a size no whole number of blocks or registers
        var random = new Random(n);
        var m = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i * n + j] = Enumerable.Range(0, n).Sum(k => m[k * n + i] * m[k * n + j]) + (i == j ? 1 : 0);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var b = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(k => a[i * n + k] * x[k])).ToArray();

        // When solved
        KernelRidgeClassifier.CholeskySolve((double[])a.Clone(), n, b, 1);

        // Then the solution comes back
        for (int i = 0; i < n; i++)
            Assert.Equal(x[i], b[i], 1e-8);
    }

    [Theory]
    [InlineData(8, 0.1, 0, "0 support rows")]
    [InlineData(8, 0.1, -5, "-5 support rows")]
    [InlineData(8, 0.1, int.MaxValue, "2147483647 support rows")]
    [InlineData(-1, 0.1, 3, "-1 classes")]
    [InlineData(8, double.NaN, 3, "gamma NaN")]
    public void Load_DamagedCounts_RefusedBeforeAnythingIsSized(int classes, double gamma, int support, string problem)
    {
        // Given a kernel ridge model of two features whose header is damaged
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(1);
            writer.Write(classes);
            writer.Write(gamma);
            foreach (float value in new float[] { 0, 0, 1, 1 })
                writer.Write(value);
            writer.Write(support);
        }
        stream.Position = 0;

        var error = Assert.Throws<InvalidDataException>(() => KernelRidgeClassifier.Load(stream, 2));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void CholeskySolve_NotPositiveDefinite_SaysToRaiseTheRidge()
    {
        double[] singular = [1, 2, 2, 1];

        var error = Assert.Throws<InvalidOperationException>(() => KernelRidgeClassifier.CholeskySolve(singular, 2, new double[2], 1));

        Assert.Contains("ridge", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_EveryRowALandmark_MatchesTheNystromSystemWithTheSameLandmarks()
    {
        // Given rows of three clusters, all of them landmarks (the exact solution) or, through the
        // Nyström path, the same rows plus an exact copy of each that is no landmark
        var table = SyntheticTables.Clusters(actors: 2, perClassPerActor: 8);
        float[][] rows = [.. table.Rows.Select(r => r.Features)];
        int[] labels = [.. table.Rows.Select(r => table.Labels.ToList().IndexOf(r.Emotion))];
        var options = new KernelRidgeOptions { Ridge = 0.5 };
        var exact = KernelRidgeClassifier.Train(rows, labels, 3, options);
        var withCopies = KernelRidgeClassifier.Train([.. rows, .. rows], [.. labels, .. labels], 3, options, i => i < rows.Length);

        // Then both classify every row alike (doubling each row's weight halves the ridge's pull, no more)
        var a = exact.Probabilities(rows);
        var b = withCopies.Probabilities(rows);
        Assert.Equal(a.Select(Best), b.Select(Best));
        Assert.Equal(labels, a.Select(Best));
    }

    [Fact]
    public void Train_WithoutLandmarks_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => KernelRidgeClassifier.Train([[1f, 2f], [2f, 1f]], [0, 1], 2, new KernelRidgeOptions(), _ => false));

        Assert.Contains("landmark", error.Message, StringComparison.Ordinal);
    }

    private static int Best(float[] scores) => Array.IndexOf(scores, scores.Max());
}
