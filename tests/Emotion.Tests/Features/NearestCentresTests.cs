using System.Numerics.Tensors;
using Emotion.Features;

namespace Emotion.Tests.Features;

public class NearestCentresTests
{
    [Theory]
    [InlineData(37, 80, 5)]
    [InlineData(256, 80, 5)]
    [InlineData(3, 2, 3)]
    [InlineData(37, 80, 12)]
    [InlineData(64, 16, 5, true)]
    public void Find_RandomCentres_SameAsComparingEveryDistance(int count, int dimensions, int nearest, bool repeated = false)
    {
        // Given centres that fill no whole block (or several), more nearest than the candidate lanes,
        // or every centre twice (ties: the lower index first), and points among them
        var random = new Random(7);
        float[] Point() => [.. Enumerable.Range(0, dimensions).Select(_ => (float)random.NextDouble() * 4 - 2)];
        var distinct = Enumerable.Range(0, repeated ? count / 2 : count).Select(_ => Point()).ToArray();
        var centres = repeated ? [.. distinct, .. distinct] : distinct;
        var search = new NearestCentres(centres);
        int group = NearestCentres.Group;
        var best = new int[group * nearest];
        var scratch = new float[search.ScratchLength(nearest)];
        int[] Nearest(float[] x) => [.. Enumerable.Range(0, count).OrderBy(k => TensorPrimitives.Distance(x, centres[k])).Take(nearest)];

        for (int trial = 0; trial < 100; trial++)
        {
            var points = Enumerable.Range(0, group).Select(_ => Point()).ToArray();

            // When the nearest to a group of points are found at once
            search.Find(points.SelectMany(p => p).ToArray(), best, scratch);

            // Then they are each point's nearest by plain distance, nearest first, in the points' order
            for (int p = 0; p < group; p++)
                Assert.Equal(Nearest(points[p]), best[(p * nearest)..((p + 1) * nearest)]);
        }
    }
}
