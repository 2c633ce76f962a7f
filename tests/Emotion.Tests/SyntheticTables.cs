using Emotion.Data;

namespace Emotion.Tests;

/// <summary>Small labelled tables with known structure, for model and split tests.</summary>
internal static class SyntheticTables
{
    /// <summary>
    /// Three well-separated Gaussian classes in 6 dimensions (class c centred at 4·c on the first
    /// two features, the rest noise), <paramref name="perClassPerActor"/> rows per class for each of
    /// <paramref name="actors"/> actors.
    /// </summary>
    public static FeatureTable Clusters(int actors = 6, int perClassPerActor = 10, int seed = 1)
    {
        var random = new Random(seed);
        string[] labels = ["neutral", "happy", "angry"];
        var rows = new List<FeatureRow>();
        for (int actor = 1; actor <= actors; actor++)
        {
            for (int c = 0; c < labels.Length; c++)
            {
                for (int i = 0; i < perClassPerActor; i++)
                {
                    var features = Enumerable.Range(0, 6).Select(f => (float)((f < 2 ? 4.0 * c : 0) + Gaussian(random))).ToArray();
                    var clip = new ClipInfo($"a{actor}/{c}-{i}.wav", labels[c])
                    {
                        VocalChannel = VocalChannel.Speech,
                        Statement = 1,
                        Actor = actor.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Gender = actor % 2 == 1 ? Gender.Male : Gender.Female,
                    };
                    rows.Add(new FeatureRow(clip, features));
                }
            }
        }
        return new FeatureTable([.. Enumerable.Range(0, 6).Select(f => $"f{f}")], rows);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
