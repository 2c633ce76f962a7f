using Emotion.Internal;

namespace Emotion.Tests.Internal;

public class ColumnProductsTests
{
    [Theory]
    [InlineData(100, 80)]
    [InlineData(3, 1)]
    [InlineData(64, 468)]
    public void Compute_EveryRegisterWidth_OffsetPlusEachProductInOrderToTheBit(int count, int dimensions)
    {
        // Given columns that fill no whole block (or exactly one), offsets, and a group of vectors
        var random = new Random(11);
        float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 6 - 3))];
        var columns = Enumerable.Range(0, count).Select(_ => Values(dimensions)).ToArray();
        var offsets = Values(count);
        var products = new ColumnProducts(columns, k => offsets[k], float.NaN);
        var vectors = Values(ColumnProducts.Group * dimensions);
        float Expected(int v, int k)
        {
            float sum = offsets[k];
            for (int d = 0; d < dimensions; d++)
                sum = MathF.FusedMultiplyAdd(vectors[v * dimensions + d], columns[k][d], sum);
            return sum;
        }

        // When computed 16, 8 and 4 lanes wide
        float[] With(Action<float[], float[], float[]> compute)
        {
            var (results, minima) = (new float[ColumnProducts.Group * products.Stride], new float[ColumnProducts.MinimaLength]);
            compute(vectors, results, minima);
            return results;
        }
        float[][] widths =
        [
            With((x, r, m) => products.Compute<Lanes512<float>>(x, r, m)),
            With((x, r, m) => products.Compute<Lanes256<float>>(x, r, m)),
            With((x, r, m) => products.Compute<Lanes128<float>>(x, r, m)),
        ];

        // Then every result is the offset plus each product added in order of dimension, the same float at every width
        foreach (var results in widths)
            for (int v = 0; v < ColumnProducts.Group; v++)
                for (int k = 0; k < count; k++)
                    Assert.Equal(Expected(v, k), results[v * products.Stride + k]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Compute_FewerThanAGroup_TheirResultsAsInAWholeGroup(int count)
    {
        // Given columns and a whole group of vectors
        var random = new Random(count);
        float[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var products = new ColumnProducts([.. Enumerable.Range(0, 70).Select(_ => Values(30))], _ => 1, 0);
        var vectors = Values(ColumnProducts.Group * 30);
        float[] Results(ReadOnlySpan<float> given)
        {
            var results = new float[ColumnProducts.Group * products.Stride];
            products.Compute(given, results, new float[ColumnProducts.MinimaLength]);
            return results;
        }

        // When only the first few are given
        var few = Results(vectors.AsSpan(0, count * 30));

        // Then theirs are the results they have in the whole group
        Assert.Equal(Results(vectors)[..(count * products.Stride)], few[..(count * products.Stride)]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(10)]
    public void Compute_NotOneToFourWholeVectors_IsRefused(int values)
    {
        var products = new ColumnProducts([[1f, 2f]], _ => 0, 0);

        Assert.Throws<ArgumentException>(() => products.Compute(new float[values], new float[ColumnProducts.Group * products.Stride], new float[ColumnProducts.MinimaLength]));
    }
}
