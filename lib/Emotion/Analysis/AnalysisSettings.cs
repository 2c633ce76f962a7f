namespace Emotion.Analysis;

/// <summary>
/// Where the analysis reads and writes, and its seed: the one place scripts and notebooks take
/// them from. Defaults are the repository's folders; environment variables override them so that
/// a headless run can work on a subset in a scratch folder: <c>EMOTION_CORPUS</c> (audio to
/// extract), <c>EMOTION_WORK</c> (replaces <c>data/</c>, <c>models/</c> and <c>reports/</c> with
/// folders under it), <c>EMOTION_QUICK=1</c> (small searches) and <c>EMOTION_SEED</c>.
/// </summary>
/// <param name="Corpus">Folder of audio clips to extract.</param>
/// <param name="Data">Folder of feature tables.</param>
/// <param name="Models">Folder of model bundles.</param>
/// <param name="Reports">Folder of reports and charts.</param>
public sealed record AnalysisSettings(string Corpus, string Data, string Models, string Reports)
{
    /// <summary>The seed of every random choice when none is given: the reference's <c>random_state</c>.</summary>
    public const int DefaultSeed = 42;

    /// <summary>Seed of every random choice (shuffles, splits, forests, codebooks). Default <see cref="DefaultSeed"/>.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Search small grids only, for smoke runs. Default false.</summary>
    public bool Quick { get; init; }

    /// <summary>Whether <see cref="Corpus"/> is the six sample clips shipped with the repository, too few for most steps.</summary>
    public bool SamplesOnly { get; init; }

    /// <summary>The six RAVDESS clips shipped with the repository (<c>data/samples/ravdess</c>).</summary>
    public string Samples { get; init; } = "";

    /// <summary>
    /// A labelled corpus never trained on, to measure how models carry (<c>&lt;root&gt;/&lt;label&gt;/&lt;clip&gt;</c>,
    /// a <c>labels.txt</c> map inside); null when there is none. Default the decoded EMOVO,
    /// <c>data/emovo-wav</c>, when present; <c>EMOTION_OTHER_CORPUS</c> overrides it.
    /// </summary>
    public string? OtherCorpus { get; init; }

    /// <summary>The repository's bundled default model, whatever <c>EMOTION_WORK</c> says.</summary>
    public string BundledModel { get; init; } = "";

    /// <summary>The repository's bundled speaker-adapted model (16 or more clips of one speaker at once), whatever <c>EMOTION_WORK</c> says.</summary>
    public string BundledSpeakerModel { get; init; } = "";

    /// <summary>Features of every clip (step 01).</summary>
    public string Features => Path.Combine(Data, "features.csv");

    /// <summary>The feature cache folder.</summary>
    public string FeatureCache => Path.Combine(Data, ".feature-cache");

    /// <summary>The extended features of every clip (step 08, <c>extract.cs --extended</c>).</summary>
    public string ExtendedFeatures => Path.Combine(Data, "features-extended.csv");

    /// <summary>Cleaned features (step 02).</summary>
    public string CleanFeatures => Path.Combine(Data, "features-clean.csv");

    /// <summary>Balanced features (step 04).</summary>
    public string BalancedFeatures => Path.Combine(Data, "features-balanced.csv");

    /// <summary>The reference forest's bundle, which step 06 writes and step 07 reads.</summary>
    public string ReferenceForest => Path.Combine(Models, "reference-forest.model.zip");

    /// <summary>The default model <c>best.cs</c> writes (the repository's bundled model unless <c>EMOTION_WORK</c> moves it).</summary>
    public string DefaultModel => Path.Combine(Models, "default.model.zip");

    /// <summary>The speaker-adapted model <c>best.cs --same-speaker</c> writes: it reads 16 or more clips of one speaker together.</summary>
    public string SpeakerModel => Path.Combine(Models, "speaker.model.zip");

    /// <summary>The report of step <paramref name="name"/>, e.g. <c>05-baseline.md</c>.</summary>
    public string Report(string name) => Path.Combine(Reports, name);

    /// <summary>
    /// The settings for a checkout at <paramref name="repositoryRoot"/>, with the environment's
    /// overrides. The corpus defaults to the decoded shared corpus when present, else the six samples.
    /// </summary>
    public static AnalysisSettings FromEnvironment(string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        string root = Path.GetFullPath(repositoryRoot);
        string decoded = Path.Combine(root, "data", "ravdess-wav");
        string samples = Path.Combine(root, "data", "samples");
        string corpus = Path.GetFullPath(Variable("EMOTION_CORPUS") ?? (Directory.Exists(decoded) ? decoded : samples));
        string work = Variable("EMOTION_WORK") ?? root;
        string emovo = Path.Combine(root, "data", "emovo-wav");
        return new AnalysisSettings(corpus, Path.Combine(work, "data"), Path.Combine(work, "models"), Path.Combine(work, "reports"))
        {
            Seed = int.TryParse(Variable("EMOTION_SEED"), out int seed) ? seed : DefaultSeed,
            Quick = Variable("EMOTION_QUICK") == "1",
            SamplesOnly = corpus == Path.GetFullPath(samples),
            Samples = Path.Combine(samples, "ravdess"),
            BundledModel = Path.Combine(root, "models", "default.model.zip"),
            BundledSpeakerModel = Path.Combine(root, "models", "speaker.model.zip"),
            OtherCorpus = Variable("EMOTION_OTHER_CORPUS") is { } other ? Path.GetFullPath(other) : Directory.Exists(emovo) ? emovo : null,
        };
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
