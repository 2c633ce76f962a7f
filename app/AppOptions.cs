namespace Emotion.App;

/// <summary>The app's settings, from the <c>Emotion</c> section of configuration.</summary>
public sealed class AppOptions
{
    /// <summary>The model bundle, absolute or relative to the content root. Default: the repository's bundled model.</summary>
    public string ModelPath { get; set; } = "../models/default.model.zip";

    /// <summary>Largest upload accepted, in bytes. Default 20 MiB.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Longest clip analysed. Default 10 minutes (the timeline makes long clips worth sending).</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Analyses of ordinary uploads at once. Default: one per core.</summary>
    public int MaxConcurrentAnalyses { get; set; } = Environment.ProcessorCount;

    /// <summary>Ordinary uploads that wait for a turn before the app answers 503. Default 32.</summary>
    public int MaxQueuedAnalyses { get; set; } = 32;

    /// <summary>
    /// Uploads of at least this many bytes (a minute or more of audio) are analysed in a lane of
    /// their own, one at a time, so that long clips never hold up short ones. Default 2 MiB.
    /// </summary>
    public long LargeUploadBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Large uploads that wait for their lane before the app answers 503. Default 4.</summary>
    public int MaxQueuedLargeAnalyses { get; set; } = 4;

    /// <summary>
    /// Uploads held at once, from their first byte to their answer; past it the app answers 503 at
    /// once. Bounds the memory uploads take (this many times <see cref="MaxUploadBytes"/>). Default 16.
    /// </summary>
    public int MaxConcurrentUploads { get; set; } = 16;

    /// <summary>
    /// Longest an upload may take to arrive: one that falls behind the pace bringing its declared
    /// length within it (after Kestrel's five seconds' grace) is answered 408, so that a client
    /// trickling its bytes in cannot hold a slot for long. Default 2 minutes (a 400 kB clip at
    /// 3.3 kB/s, 20 MiB at 1.4 Mbit/s).
    /// </summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when the app is full. Default 2.</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
