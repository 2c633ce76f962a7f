namespace Emotion;

/// <summary>Progress of a batch job over a known number of items, with rate and time left.</summary>
/// <param name="Completed">Items done, failed ones included.</param>
/// <param name="Total">Items in the batch.</param>
/// <param name="Elapsed">Time since the batch started.</param>
public sealed record BatchProgress(int Completed, int Total, TimeSpan Elapsed)
{
    /// <summary>Items per second so far; 0 before the first completes.</summary>
    public double ItemsPerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left at the rate so far; null until the rate is known.</summary>
    public TimeSpan? Remaining => ItemsPerSecond > 0 ? TimeSpan.FromSeconds((Total - Completed) / ItemsPerSecond) : null;

    /// <summary>Which stage of a longer job the count belongs to, e.g. <c>R2: 8 kHz sample rate</c>; null for a job of one stage.</summary>
    public string? Stage { get; init; }

    /// <summary><paramref name="progress"/> with every report marked as belonging to <paramref name="stage"/>; null stays null.</summary>
    public static IProgress<BatchProgress>? Staged(IProgress<BatchProgress>? progress, string stage) =>
        progress is null ? null : new StagedProgress(progress, stage);

    private sealed class StagedProgress(IProgress<BatchProgress> inner, string stage) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => inner.Report(value with { Stage = value.Stage is null ? stage : $"{stage}: {value.Stage}" });
    }
}
