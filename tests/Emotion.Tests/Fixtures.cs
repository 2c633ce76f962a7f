using System.Globalization;

namespace Emotion.Tests;

/// <summary>The real RAVDESS clips and golden librosa values shipped with the tests, and the shared corpus when present.</summary>
internal static class Fixtures
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>The six RAVDESS originals exactly as distributed: 48 kHz, FLLR chunk, one stereo.</summary>
    public static string OriginalsDirectory => Path.Combine(Root, "originals");

    public static string Original(string name) => Path.Combine(OriginalsDirectory, name + ".wav");

    public static IEnumerable<string> OriginalNames =>
        Directory.EnumerateFiles(OriginalsDirectory, "*.wav").Select(Path.GetFileNameWithoutExtension).Order()!;

    /// <summary>The originals resampled to 22050 Hz mono by SoX (very high quality).</summary>
    public static string Golden22050(string name) => Path.Combine(Root, "golden", name + "-22050.wav");

    /// <summary>librosa's 40 × T MFCC matrix of <see cref="Golden22050"/>.</summary>
    public static double[][] GoldenMfcc(string name) =>
        [.. File.ReadLines(Path.Combine(Root, "golden", name + "-22050.mfcc.csv")).Select(ParseRow)];

    /// <summary>Golden 80-value feature vectors by clip name, from <c>features-22050.csv</c> or <c>features-originals.csv</c>.</summary>
    public static Dictionary<string, double[]> GoldenFeatures(string file) =>
        File.ReadLines(Path.Combine(Root, "golden", file)).Skip(1)
            .Select(line => line.Split(',', 2))
            .ToDictionary(parts => Path.GetFileNameWithoutExtension(parts[0]).Replace("-22050", ""), parts => ParseRow(parts[1]));

    /// <summary>The shared RAVDESS corpus (FLAC, actors 01-20), or a skip saying how to get it.</summary>
    public static string SharedRavdess()
    {
        string path = Path.Combine(RepositoryRoot, "..", "shared", "data", "ravdess");
        if (!Directory.Exists(path))
            Assert.Skip($"the shared corpus is not beside this checkout ({Path.GetFullPath(path)}); CI has it");
        return Path.GetFullPath(path);
    }

    /// <summary>
    /// The shared corpus decoded to WAV: $EMOTION_RAVDESS_WAV, else data/ravdess-wav in the checkout,
    /// or a skip saying how to make it.
    /// </summary>
    public static string SharedRavdessWav()
    {
        string path = Environment.GetEnvironmentVariable("EMOTION_RAVDESS_WAV") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(RepositoryRoot, "data", "ravdess-wav");
        if (!Directory.Exists(path))
            Assert.Skip($"no decoded corpus at {path}; run ../shared/data/ravdess-wav.sh \"$PWD/data/ravdess-wav\" from the checkout (CI does)");
        return path;
    }

    /// <summary>EMOVO decoded to WAV with its label map, at data/emovo-wav in the checkout, or a skip saying how to make it.</summary>
    public static string SharedEmovoWav()
    {
        string path = Path.Combine(RepositoryRoot, "data", "emovo-wav");
        if (!File.Exists(Path.Combine(path, "labels.txt")))
            Assert.Skip($"no decoded EMOVO at {path}; run ../shared/data/emovo-wav.sh \"$PWD/data/emovo-wav\" and copy ../shared/data/emovo/labels.txt beside it (CI does)");
        return path;
    }

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EmotionNotebooks.sln")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("tests run outside the repository");
        }
    }

    /// <summary>A scratch directory removed at dispose.</summary>
    public static TempDirectory TempDirectory() => new();

    private static double[] ParseRow(string line) =>
        [.. line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
}

internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("emotion-tests-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
