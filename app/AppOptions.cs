namespace Emotion.App;

/// <summary>The app's settings, from the <c>Emotion</c> section of configuration.</summary>
public sealed class AppOptions
{
    /// <summary>The model bundle, absolute or relative to the content root. Default: the repository's bundled model.</summary>
    public string ModelPath { get; set; } = "../models/default.model.zip";

    /// <summary>Largest upload accepted, in bytes. Default 20 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;
}
