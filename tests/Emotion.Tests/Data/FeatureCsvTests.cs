using Emotion.Data;
using Emotion.Features;

namespace Emotion.Tests.Data;

public class FeatureCsvTests
{
    [Fact]
    public void Write_RavdessAndUnlabelledClips_FillsKnownMetadataOnly()
    {
        // Given one RAVDESS clip and one whose name is not RAVDESS (with a comma in it)
        RavdessName.TryParse("03-02-04-01-02-01-04.wav", out var name);
        var clips = new[]
        {
            new ExtractedClip(new CorpusClip("/c/a.wav", "Actor_04/03-02-04-01-02-01-04.wav", name!.Emotion, name), [1.5f, -2f]),
            new ExtractedClip(new CorpusClip("/c/b.wav", "mine, take 1.wav", null, null), [0.1f, 3e-8f]),
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
}
