using Emotion.Evaluation;

namespace Emotion.Tests.Evaluation;

public class LabelMapTests
{
    private static readonly string[] ModelLabels = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];

    [Theory]
    [InlineData("Angry", "angry")]
    [InlineData("anger", "angry")]
    [InlineData("happiness", "happy")]
    [InlineData("fear", "fearful")]
    [InlineData("boredom", null)]
    public void Default_NamesAndNounForms_MapWithoutAFile(string corpusLabel, string? expected) =>
        Assert.Equal(expected, LabelMap.Default.ToModelLabel(corpusLabel, ModelLabels));

    [Fact]
    public void Read_MapFile_OverridesAndLeavesOut()
    {
        // Given a map with a comment, a rename, and an explicit leave-out of a label that would otherwise match
        string path = Path.Combine(Path.GetTempPath(), $"labels-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, ["# EmoDB-style codes", "W = angry  # Wut", "F = Happy", "calm ="]);
        try
        {
            var map = LabelMap.Read(path, ModelLabels);

            Assert.Equal("angry", map.ToModelLabel("w", ModelLabels));
            Assert.Equal("happy", map.ToModelLabel("F", ModelLabels));
            Assert.Null(map.ToModelLabel("calm", ModelLabels));
            Assert.Equal("sad", map.ToModelLabel("sadness", ModelLabels));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("W angry", "expected 'corpus label = model label'")]
    [InlineData("W = furious", "'furious' is not a model label")]
    [InlineData("W = angry\nw = sad", "mapped twice")]
    public void Read_BadLine_NamesFileAndLine(string content, string problem)
    {
        string path = Path.Combine(Path.GetTempPath(), $"labels-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, content);
        try
        {
            var error = Assert.Throws<FormatException>(() => LabelMap.Read(path, ModelLabels));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("line ", error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
