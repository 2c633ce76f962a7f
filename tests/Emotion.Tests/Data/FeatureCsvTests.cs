using Emotion.Data;

namespace Emotion.Tests.Data;

public class FeatureCsvTests
{
    [Fact]
    public void Write_RavdessAndUnlabelledClips_FillsKnownMetadataOnly()
    {
        // Given one RAVDESS clip and one whose name is not RAVDESS (with a comma in it)
        RavdessName.TryParse("03-02-04-01-02-01-04.wav", out var name);
        var clips = new (ClipInfo, float[])[]
        {
            (ClipInfo.FromRavdess("Actor_04/03-02-04-01-02-01-04.wav", name!), [1.5f, -2f]),
            (new ClipInfo("mine, take 1.wav", null), [0.1f, 3e-8f]),
        };
        var text = new StringWriter();

        // When
        FeatureCsv.Write(text, ["mfcc_0", "mfcc_1"], clips);

        // Then
        Assert.Equal(
            [
                "path,modality,vocal_channel,emotion,intensity,statement,repetition,actor,gender,mfcc_0,mfcc_1",
                "Actor_04/03-02-04-01-02-01-04.wav,audio-only,song,sad,normal,2,1,4,female,1.5,-2",
                "\"mine, take 1.wav\",,,,,,,,,0.1,3E-08",
            ],
            text.ToString().TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void ReadCsv_WrittenTable_GivesBackTypedClipsAndExactFeatures()
    {
        // Given a table of two RAVDESS clips written to disk
        using var temp = Fixtures.TempDirectory();
        RavdessName.TryParse("03-02-04-01-02-01-04.wav", out var sad);
        RavdessName.TryParse("03-01-05-02-01-01-13.wav", out var angry);
        var table = new FeatureTable(["f0", "f1"],
        [
            new FeatureRow(ClipInfo.FromRavdess("a/03-02-04-01-02-01-04.wav", sad!), [0.1f, 1e-7f]),
            new FeatureRow(ClipInfo.FromRavdess("a/03-01-05-02-01-01-13.wav", angry!), [-3.25f, 7f]),
        ]);
        table.WriteCsv(temp.File("t.csv"));

        // When
        var read = FeatureTable.ReadCsv(temp.File("t.csv"));

        // Then the clips come back with their fields typed, and the features bit for bit
        Assert.Equal(table.Rows.Select(r => r.Clip), read.Rows.Select(r => r.Clip));
        Assert.Equal(table.Rows.SelectMany(r => r.Features), read.Rows.SelectMany(r => r.Features));
        Assert.Equal(Gender.Male, read.Rows[1].Clip.Gender);
        Assert.Equal(Intensity.Strong, read.Rows[1].Clip.Intensity);
    }
}
