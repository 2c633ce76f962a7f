using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Emotion.Models;

namespace Emotion.Tests.Models;

public class RbfKernelTests
{
    [Fact]
    public void ForEachRow_RowsNotAWholeGroup_EachRowOnceWithItsGaussianKernel()
    {
        // Given support rows and seven rows (one group and three over)
        var random = new Random(5);
        float[] Row() => [.. Enumerable.Range(0, 30).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var support = Enumerable.Range(0, 21).Select(_ => Row()).ToArray();
        var rows = Enumerable.Range(0, 7).Select(_ => Row()).ToArray();
        double Norm(float[] x) => TensorPrimitives.Dot(x, x);
        const double gamma = 0.05;
        var kernel = new RbfKernel(support, [.. support.Select(Norm)], gamma);

        // When every row's kernel row is taken
        var seen = new ConcurrentDictionary<int, double[]>();
        kernel.ForEachRow(rows, [.. rows.Select(Norm)], (r, values) => Assert.True(seen.TryAdd(r, values.ToArray()), $"row {r} twice"));

        // Then each row came once, with exp(−γ‖x − s‖²) against each support row
        Assert.Equal(Enumerable.Range(0, rows.Length), seen.Keys.Order());
        foreach (var (r, values) in seen)
            for (int s = 0; s < support.Length; s++)
            {
                double distance = rows[r].Zip(support[s], (a, b) => (double)(a - b) * (a - b)).Sum();
                Assert.Equal(Math.Exp(-gamma * distance), values[s], 1e-5);
            }
    }

    [Fact]
    public void ForEachRow_SupportAgainstItself_ExactlySymmetricWithOnesOnTheDiagonal()
    {
        // Given support rows
        var random = new Random(9);
        var support = Enumerable.Range(0, 13).Select(_ => Enumerable.Range(0, 40).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray()).ToArray();
        double[] norms = [.. support.Select(x => (double)TensorPrimitives.Dot(x, x))];
        var kernel = new RbfKernel(support, norms, 0.1);

        // When the kernel between the support and itself is taken
        var gram = new double[13, 13];
        kernel.ForEachRow(support, norms, (p, values) =>
        {
            for (int q = 0; q < values.Length; q++)
                gram[p, q] = values[q];
        });

        // Then k(p, q) and k(q, p) are the same double (Nyström's system mirrors one half), and k(p, p) is 1 within rounding
        for (int p = 0; p < 13; p++)
        {
            Assert.Equal(1, gram[p, p], 1e-5);
            for (int q = 0; q < p; q++)
                Assert.Equal(gram[p, q], gram[q, p]);
        }
    }
}
