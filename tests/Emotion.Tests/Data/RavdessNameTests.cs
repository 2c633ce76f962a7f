using Emotion.Data;

namespace Emotion.Tests.Data;

public class RavdessNameTests
{
    [Fact]
    public void TryParse_SpeechName_ReadsAllSevenFieldsAndGender()
    {
        Assert.True(RavdessName.TryParse("/x/Actor_12/03-01-05-02-01-02-12.wav", out var name));

        Assert.Equal(new RavdessName(Modality.AudioOnly, VocalChannel.Speech, "angry", Intensity.Strong, 1, 2, 12), name);
        Assert.Equal(Gender.Female, name.Gender);
    }

    [Fact]
    public void TryParse_SongName_IsSongAndMaleForOddActor()
    {
        Assert.True(RavdessName.TryParse("03-02-06-01-02-01-07.flac", out var name));

        Assert.Equal(VocalChannel.Song, name.VocalChannel);
        Assert.Equal("fearful", name.Emotion);
        Assert.Equal(Gender.Male, name.Gender);
    }

    [Theory]
    [InlineData("recording.wav")]
    [InlineData("03-01-05-02-01-02.wav")]
    [InlineData("03-01-09-01-01-01-01.wav")]
    [InlineData("03-01-05-03-01-01-01.wav")]
    [InlineData("03-01-05-01-01-01-25.wav")]
    [InlineData("3-1-5-1-1-1-1.wav")]
    [InlineData("03-01-05-01-01-01-1a.wav")]
    public void TryParse_NotARavdessName_ReturnsFalse(string fileName)
    {
        Assert.False(RavdessName.TryParse(fileName, out var name));
        Assert.Null(name);
    }
}
