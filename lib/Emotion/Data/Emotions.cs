namespace Emotion.Data;

/// <summary>The emotion labels the project classifies.</summary>
public static class Emotions
{
    /// <summary>The label of a neutral voice.</summary>
    public const string Neutral = "neutral";

    /// <summary>The label of a calm voice: RAVDESS's, which most corpora file under neutral.</summary>
    public const string Calm = "calm";

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
