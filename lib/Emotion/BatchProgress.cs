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
}
