namespace Emotion.Audio;

/// <summary>
/// Audio that cannot be read: a missing, empty, truncated, corrupt or unsupported file. The message
/// names the file and says what is wrong with it.
/// </summary>
public sealed class AudioFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/> with a plain-language <paramref name="problem"/>.</summary>
    public AudioFormatException(string fileName, string problem, Exception? inner = null)
        : base($"{fileName}: {problem}", inner)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file path or upload name the audio came from.</summary>
    public string FileName { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
