namespace Emotion.Data;

/// <summary>The emotion labels the project classifies.</summary>
public static class Emotions
{
    /// <summary>RAVDESS's eight emotions in code order (01 neutral … 08 surprised).</summary>
    public static IReadOnlyList<string> Ravdess { get; } =
        ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];

    /// <summary>Orders RAVDESS emotions by code and any other label after them.</summary>
    public static int SortKey(string label)
    {
        for (int i = 0; i < Ravdess.Count; i++)
        {
            if (Ravdess[i] == label)
                return i;
        }
        return int.MaxValue;
    }
}
