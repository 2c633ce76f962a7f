namespace Emotion;

/// <summary>
/// The data cannot support what was asked of it: too few clips, classes or speakers for a split,
/// a search or a model. The message says what was needed and what there was.
/// </summary>
public sealed class InsufficientDataException(string message) : Exception(message);
