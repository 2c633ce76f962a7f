using Emotion.Audio.Channels;
using Emotion.Data;
using Emotion.Features;

namespace Emotion.Tests.Data;

public class DegradedCorpusTests
{
    /// <summary>The 24 clips of actors 1-8 saying statement 1 at normal intensity, neutral to happy: enough for four actor folds.</summary>
    private static CorpusCatalog Catalog()
    {
        var full = CorpusCatalog.Scan(Fixtures.SharedRavdessWav());
        return full.Where(c => int.Parse(c.Info.Actor!, System.Globalization.CultureInfo.InvariantCulture) <= 8
            && c.Info.Statement == 1 && c.Info.Intensity == Intensity.Normal && c.Info.VocalChannel == VocalChannel.Speech
            && c.Emotion is "neutral" or "calm" or "happy");
    }

    [Fact]
    public void Babble_only_ever_mixes_other_speakers_of_the_same_fold()
    {
        var catalog = Catalog();
        var folds = Folds.ActorFolds(catalog.Clips.Select(c => c.Info.Actor!), 4);
        var options = AugmentationOptions.Default with { Copies = 6, NoiseProbability = 1 };

        var copies = DegradedCorpus.Copies(catalog, options, 4, 42);

        var babbled = copies.Where(c => c.Channel.NeedsTalkers).ToList();
        Assert.NotEmpty(babbled);
        Assert.All(babbled, c =>
        {
            Assert.NotEmpty(c.Talkers);
            Assert.All(c.Talkers, t =>
            {
                Assert.NotEqual(c.Clip.Info.Actor, t.Info.Actor);
                Assert.Equal(folds[c.Clip.Info.Actor!], folds[t.Info.Actor!]);
            });
        });
        Assert.All(copies.Where(c => !c.Channel.NeedsTalkers), c => Assert.Empty(c.Talkers));
    }

    [Fact]
    public void Copies_are_the_same_in_every_run_and_tests_draw_from_another_stream()
    {
        var catalog = Catalog();
        var first = DegradedCorpus.Copies(catalog, AugmentationOptions.Default, 4, 42);
        var again = DegradedCorpus.Copies(catalog, AugmentationOptions.Default, 4, 42);
        var reverb = new ReverbChannel(0.6);
        var test = DegradedCorpus.Under(catalog, reverb, 4, 42);

        Assert.Equal(first.Select(c => (c.Channel.Describe(), c.Seed)), again.Select(c => (c.Channel.Describe(), c.Seed)));
        Assert.Equal(3 * catalog.Clips.Count, first.Count);
        Assert.Empty(first.Select(c => c.Seed).Intersect(test.Select(c => c.Seed)));
        Assert.All(test, c => Assert.Equal(reverb, c.Channel));
    }

    [Fact]
    public void Band_limited_features_barely_move_at_16_kHz_where_full_band_ones_do()
    {
        var catalog = Catalog().Where(c => c.Info.Actor is "1" or "2");
        double Moved(FeatureOptions options)
        {
            var extractor = new FeatureExtractor(options);
            var clean = CorpusExtractor.Run(catalog, extractor).ToTable();
            var narrowed = DegradedCorpus.Extract(DegradedCorpus.Under(catalog, new SampleRateChannel(16000), 4, 42), extractor, null, frames: false);
            Assert.Equal(clean.Rows.Select(r => r.Path), narrowed.Rows.Select(r => r.Path));
            Assert.All(narrowed.Rows, r => Assert.Equal("16 kHz sample rate", r.Channel));
            // Standardised by the clean clips' spread, so that every feature counts alike.
            var spread = Enumerable.Range(0, clean.FeatureNames.Count).Select(j => Math.Max(1e-6, Deviation(clean.Rows.Select(r => (double)r.Features[j])))).ToArray();
            return clean.Rows.Zip(narrowed.Rows, (a, b) => Math.Sqrt(a.Features.Select((v, j) => Math.Pow((v - b.Features[j]) / spread[j], 2)).Sum())).Average();
        }

        double bandLimited = Moved(FeatureOptions.BandLimited), fullBand = Moved(FeatureOptions.Extended);

        Assert.True(bandLimited < fullBand / 3, $"band-limited features moved {bandLimited:F2} standard deviations, full-band {fullBand:F2}");
    }

    private static double Deviation(IEnumerable<double> values)
    {
        var list = values.ToList();
        double mean = list.Average();
        return Math.Sqrt(list.Average(v => (v - mean) * (v - mean)));
    }
}
