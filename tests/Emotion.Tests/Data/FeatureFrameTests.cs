using Emotion.Data;

namespace Emotion.Tests.Data;

public class FeatureFrameTests
{
    [Fact]
    public void Clean_TextAndGapsInFeatures_CoercesAndDropsThoseRows()
    {
        // Given four rows: clean, a word in a feature, an empty feature, an empty label
        using var temp = Fixtures.TempDirectory();
        string header = string.Join(',', FeatureCsv.MetadataColumns) + ",mfcc_0,mfcc_1";
        File.WriteAllLines(temp.File("f.csv"),
        [
            header,
            "a.wav,audio-only,speech,happy,normal,1,1,1,male,1.5,2",
            "b.wav,audio-only,speech,sad,normal,1,1,1,male,oops,2",
            "c.wav,audio-only,speech,sad,normal,1,1,1,male,,2",
            "d.wav,audio-only,speech,,normal,1,1,1,male,3,4",
        ]);

        // When
        var result = FeatureFrame.Clean(FeatureFrame.ReadCsv(temp.File("f.csv")));

        // Then only the clean row stays, with numeric features, renumbered from 0
        Assert.Equal(4, result.RowsBefore);
        Assert.Equal(1, result.RowsAfter);
        Assert.Equal(1, result.ValuesCoerced);
        Assert.Equal(["mfcc_0", "mfcc_1"], result.FeatureColumns);
        var table = FeatureTable.FromDataFrame(result.Data);
        Assert.Equal("a.wav", table.Rows[0].Path);
        Assert.Equal([1.5f, 2f], table.Rows[0].Features);
    }

    [Fact]
    public void Balance_UnequalClasses_DownsamplesToSmallestAndShuffles()
    {
        var table = SyntheticTables.Clusters(actors: 4);
        var unequal = table.Where(r => r.Emotion != "angry" || r.Actor == "1");

        var balanced = unequal.Balance(seed: 5);

        Assert.All(balanced.ClassCounts(), c => Assert.Equal(10, c.Count));
        Assert.NotEqual(balanced.Rows.Select(r => r.Emotion), balanced.Rows.Select(r => r.Emotion).Order());
    }

    [Fact]
    public void ReadCsv_MissingFile_SaysHowToMakeIt()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FeatureFrame.ReadCsv("/no/features.csv"));

        Assert.Contains("make it with scripts/extract.cs", error.Message);
    }
}
