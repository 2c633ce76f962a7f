namespace Emotion;

/// <summary>
/// Where the analysis notebooks read and write. Defaults are the repository's folders; environment
/// variables override them so that a headless run can work on a subset in a scratch folder:
/// <c>EMOTION_CORPUS</c> (audio to extract), <c>EMOTION_WORK</c> (replaces <c>data/</c>,
/// <c>models/</c> and <c>reports/</c> with folders under it) and <c>EMOTION_QUICK=1</c> (small grid search).
/// </summary>
/// <param name="Corpus">Folder of audio clips to extract.</param>
/// <param name="Data">Folder of feature tables.</param>
/// <param name="Models">Folder of model bundles.</param>
/// <param name="Reports">Folder of reports and charts.</param>
/// <param name="Quick">Search a small grid only.</param>
public sealed record AnalysisPaths(string Corpus, string Data, string Models, string Reports, bool Quick)
{
    /// <summary>Features of every clip (notebook 01).</summary>
    public string Features => Path.Combine(Data, "features.csv");

    /// <summary>The feature cache folder.</summary>
    public string FeatureCache => Path.Combine(Data, ".feature-cache");

    /// <summary>The extended features of every clip (notebook 08, <c>extract.cs --extended</c>).</summary>
    public string ExtendedFeatures => Path.Combine(Data, "features-extended.csv");

    /// <summary>Cleaned features (notebook 02).</summary>
    public string CleanFeatures => Path.Combine(Data, "features-clean.csv");

    /// <summary>Balanced features (notebook 04).</summary>
    public string BalancedFeatures => Path.Combine(Data, "features-balanced.csv");

    /// <summary>The reference forest's bundle, which notebook 06 writes and notebook 07 reads.</summary>
    public string ModelBundle => Path.Combine(Models, "reference-forest.model.zip");

    /// <summary>
    /// The paths for a checkout at <paramref name="repositoryRoot"/>, with the environment's
    /// overrides. The corpus defaults to the decoded shared corpus when present, else the six samples.
    /// </summary>
    public static AnalysisPaths FromEnvironment(string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        string root = Path.GetFullPath(repositoryRoot);
        string decoded = Path.Combine(root, "data", "ravdess-wav");
        string corpus = Environment.GetEnvironmentVariable("EMOTION_CORPUS") is { Length: > 0 } c ? c
            : Directory.Exists(decoded) ? decoded : Path.Combine(root, "data", "samples");
        string? work = Environment.GetEnvironmentVariable("EMOTION_WORK") is { Length: > 0 } w ? w : null;
        return new AnalysisPaths(
            Path.GetFullPath(corpus),
            Path.Combine(work ?? root, "data"),
            Path.Combine(work ?? root, "models"),
            Path.Combine(work ?? root, "reports"),
            Environment.GetEnvironmentVariable("EMOTION_QUICK") == "1");
    }
}
