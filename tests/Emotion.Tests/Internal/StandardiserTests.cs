using Emotion.Internal;

namespace Emotion.Tests.Internal;

public class StandardiserTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(13)]
    [InlineData(3)]
    public void Fit_ManyRows_SameAsEachFeatureSummedInDoubleRowByRow(int features)
    {
        // Given rows of features on different scales, one of them constant, with widths that fill
        // whole vectors, leave some over, or fill none
        var random = new Random(3);
        var rows = Enumerable.Range(0, 5000).Select(_ => Enumerable.Range(0, features)
            .Select(j => j == 1 ? 7f : (float)((random.NextDouble() - 0.3) * Math.Pow(10, j % 5))).ToArray()).ToArray();

        // When
        var standardiser = Standardiser.Fit(rows);

        // Then each row standardises exactly as with the mean and deviation summed one feature at a
        // time in double precision (the constant feature only centred)
        var expected = new float[features];
        for (int j = 0; j < features; j++)
        {
            double sum = 0, square = 0;
            foreach (var row in rows)
                (sum, square) = (sum + row[j], square + (double)row[j] * row[j]);
            double mean = sum / rows.Length, deviation = Math.Sqrt(Math.Max(0, square / rows.Length - mean * mean));
            expected[j] = (rows[0][j] - (float)mean) * (deviation > 1e-12 ? (float)(1 / deviation) : 1);
        }
        Assert.Equal(expected, standardiser.Apply(rows[0]));
        Assert.Equal(0f, standardiser.Apply(rows[0])[1]);
    }
}
