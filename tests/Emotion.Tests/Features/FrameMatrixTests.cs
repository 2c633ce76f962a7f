using Emotion.Features;

namespace Emotion.Tests.Features;

public class FrameMatrixTests
{
    [Fact]
    public void Of_Rows_EachFrameComesBackByIndex()
    {
        float[][] rows = [[1, 2, 3], [4, 5, 6]];

        var frames = FrameMatrix.Of(rows, 3);

        Assert.Equal((2, 3), (frames.Count, frames.Width));
        Assert.Equal(rows[1], frames[1].ToArray());
        Assert.Equal([1f, 2, 3, 4, 5, 6], frames.Values.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => frames[2].Length);
    }

    [Fact]
    public void Constructor_ValuesNotWholeFrames_Refused()
    {
        Assert.Throws<ArgumentException>(() => new FrameMatrix(new float[7], 3));
        Assert.Throws<ArgumentException>(() => FrameMatrix.Of([[1, 2], [3]], 2));
    }
}
