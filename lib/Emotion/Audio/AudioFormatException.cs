namespace Emotion.Audio;

/// <summary>Audio that cannot be used, with the file named and the problem said in plain words.</summary>
public abstract class AudioException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/> with a plain-language <paramref name="problem"/>.</summary>
    protected AudioException(string fileName, string problem, Exception? inner)
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

/// <summary>
/// Audio that cannot be read: a missing, empty, truncated, corrupt or unsupported file, or one whose
/// header declares what no real recording has (a sample rate of 1 Hz, 60000 channels).
/// </summary>
public sealed class AudioFormatException(string fileName, string problem, Exception? inner = null)
    : AudioException(fileName, problem, inner);

/// <summary>
/// Readable audio that cannot be analysed: too short, too long for the limit in force, silent, or
/// with no voice in it.
/// </summary>
public sealed class UnusableClipException(string fileName, string problem)
    : AudioException(fileName, problem, null);
