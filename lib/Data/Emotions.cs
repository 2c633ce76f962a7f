namespace Emotion.Data;

/// <summary>The emotion labels the project classifies.</summary>
public static class Emotions
{
    /// <summary>RAVDESS's eight emotions in code order (01 neutral … 08 surprised).</summary>
    public static IReadOnlyList<string> Ravdess { get; } =
        ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];
}
