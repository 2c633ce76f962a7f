using Emotion.Data;

namespace Emotion.Tests.Data;

public class CorpusCatalogTests
{
    [Fact]
    public void Scan_SharedCorpus_Finds2036ParsedClipsOf20Actors()
    {
        // Given the shared RAVDESS corpus (actors 01-20, speech and song)
        string root = Fixtures.SharedRavdess();

        // When
        var catalog = CorpusCatalog.Scan(root);

        // Then every name parses, and the counts are RAVDESS's
        Assert.Equal(CorpusLayout.Ravdess, catalog.Layout);
        Assert.Equal(2036, catalog.Clips.Count);
        Assert.Empty(catalog.Unlabelled);
        Assert.Equal(1200, catalog.Clips.Count(c => c.Info.VocalChannel == VocalChannel.Speech));
        Assert.Equal(20, catalog.Clips.Select(c => c.Info.Actor).Distinct().Count());
        Assert.Equal(8, catalog.Clips.Select(c => c.Emotion).Distinct().Count());
    }

    [Fact]
    public void Scan_RavdessFolderWithStrayFile_KeepsItUnlabelled()
    {
        // Given two RAVDESS originals, a clip with another name, and a non-audio file
        using var temp = Fixtures.TempDirectory();
        File.Copy(Fixtures.Original("03-01-05-02-01-01-02"), temp.File("03-01-05-02-01-01-02.wav"));
        File.Copy(Fixtures.Original("03-01-01-01-01-01-01"), temp.File("03-01-01-01-01-01-01.wav"));
        File.Copy(Fixtures.Original("03-01-01-01-01-01-01"), temp.File("my recording.wav"));
        File.WriteAllText(temp.File("notes.txt"), "not audio");

        // When
        var catalog = CorpusCatalog.Scan(temp.Path);

        // Then the stray clip is listed, unlabelled, never guessed; the text file is not a clip
        Assert.Equal(CorpusLayout.Ravdess, catalog.Layout);
        Assert.Equal(["03-01-01-01-01-01-01.wav", "03-01-05-02-01-01-02.wav", "my recording.wav"], catalog.Clips.Select(c => c.RelativePath));
        Assert.Equal(["notes.txt"], catalog.Skipped);
        Assert.Equal(["neutral", "angry", null], catalog.Clips.Select(c => c.Emotion));
        Assert.Equal("my recording.wav", Assert.Single(catalog.Unlabelled).RelativePath);
    }

    [Fact]
    public void Scan_LabelFolders_TakesLabelFromFirstFolder()
    {
        // Given <root>/<label>/<clip>, one clip nested deeper and one loose at the root
        using var temp = Fixtures.TempDirectory();
        Directory.CreateDirectory(temp.File("Happy/take2"));
        Directory.CreateDirectory(temp.File("sad"));
        File.WriteAllBytes(temp.File("Happy/a.wav"), []);
        File.WriteAllBytes(temp.File("Happy/take2/b.mp3"), []);
        File.WriteAllBytes(temp.File("sad/c.ogg"), []);
        File.WriteAllBytes(temp.File("loose.wav"), []);

        // When
        var catalog = CorpusCatalog.Scan(temp.Path);

        // Then
        Assert.Equal(CorpusLayout.Folders, catalog.Layout);
        Assert.Equal(["happy", "happy", null, "sad"], catalog.Clips.Select(c => c.Emotion));
        Assert.Equal("loose.wav", Assert.Single(catalog.Unlabelled).RelativePath);
    }

    [Fact]
    public void Scan_MissingFolder_ThrowsNamingIt()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => CorpusCatalog.Scan("/no/such/corpus"));

        Assert.Equal("/no/such/corpus: data folder not found", error.Message);
    }
}
