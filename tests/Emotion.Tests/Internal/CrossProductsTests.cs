using System.Numerics.Tensors;
using Emotion.Internal;

namespace Emotion.Tests.Internal;

public class CrossProductsTests
{
    [Theory]
    [InlineData(9, 37)]
    [InlineData(8, 64)]
    [InlineData(1, 3)]
    [InlineData(301, 37)]
    public void SymmetricLower_RandomRows_EveryPairsDotProductBothWays(int m, int n)
    {
        // Given rows that fill no whole tile, vector or band of rows, in a longer array (as a pooled one is), and a product known to be symmetric (b = a)
        var random = new Random(3);
        double[][] a = [.. Enumerable.Range(0, m).Select(_ => Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray())];
        var result = new double[m * m];

        // When the lower triangle is multiplied out
        var rows = new RowMajor([.. a.SelectMany(r => r), .. new double[5]], m, n);
        CrossProducts.SymmetricLower(rows, rows, result);

        // Then every entry is its pair's dot product, mirrored exactly
        for (int p = 0; p < m; p++)
            for (int q = 0; q <= p; q++)
            {
                Assert.Equal(TensorPrimitives.Dot(a[q], a[p]), result[p * m + q], 1e-12);
                Assert.Equal(result[p * m + q], result[q * m + p]);
            }
    }
}
