using Emotion.Data;
using Emotion.Evaluation;
using Emotion.Features;
using Emotion.Models;

namespace Emotion.Tests.Evaluation;

public class SpeakerAdaptationTests
{
    [Fact]
    public void ByActor_ShiftedActors_EachActorCentredAndRowsKeepTheirOrder()
    {
        // Given actors whose features sit at different offsets (a voice's own level)
        var table = SyntheticTables.Clusters(actors: 3);
        var shifted = new FeatureTable(table.FeatureNames, [.. table.Rows.Select(r => r with { Features = [.. r.Features.Select(v => v + 10 * int.Parse(r.Actor!, System.Globalization.CultureInfo.InvariantCulture))] })]);

        // When
        var centred = SpeakerNormalisation.ByActor(shifted);

        // Then each actor averages zero, and the rows are the original ones less their actor's mean
        foreach (var actor in centred.Rows.GroupBy(r => r.Actor))
        {
            for (int f = 0; f < centred.FeatureNames.Count; f++)
                Assert.True(Math.Abs(actor.Average(r => r.Features[f])) < 1e-4, $"actor {actor.Key}, feature {f}");
        }
        Assert.Equal(table.Rows.Select(r => r.Path), centred.Rows.Select(r => r.Path));
        Assert.Equal(SpeakerNormalisation.Centre([.. shifted.Rows.Take(30).Select(r => r.Features)])[0], centred.Rows[0].Features);
    }

    [Fact]
    public void Run_RealSpeechOfTenActors_CentringOnAllOfASpeakersClipsBeatsOneClipAtATime()
    {
        // Given the extended features of 10 actors' speech clips (600 real clips)
        var catalog = CorpusCatalog.Scan(Fixtures.SharedRavdessWav())
            .Where(c => c.Info.VocalChannel == VocalChannel.Speech && int.Parse(c.Info.Actor!, System.Globalization.CultureInfo.InvariantCulture) <= 10);
        var table = CorpusExtractor.Run(catalog, FeatureExtractor.Extended).ToTable();
        var model = new KernelRidgeOptions();

        // When each held-out speaker's clips are centred one at a time, or all together
        var result = SpeakerAdaptation.Run(table, model, [1, null], seed: 42);
        var points = result.Points;

        // Then one clip centres to zero, so every prediction is the same class (UAR 1/8);
        // all of a speaker's clips together beat the uncentred model on the same folds
        Assert.Equal(600, table.Rows.Count);
        Assert.Equal(1.0 / 8, points[0].All.MeanUar, 6);
        Assert.True(points[1].All.MeanUar > result.SingleClip.MeanUar + 0.02,
            $"centred {points[1].All.MeanUar:P1}, one clip at a time {result.SingleClip.MeanUar:P1}");
        Assert.Equal(points[1].All.MeanUar, points[1].Speech.MeanUar, 6);
    }
}
