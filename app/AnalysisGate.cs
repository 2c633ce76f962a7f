using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Emotion.App;

/// <summary>
/// Bounds the uploads held and the analyses running and waiting. An upload is received in one of
/// <see cref="AppOptions.MaxConcurrentUploads"/> slots, kept until it is answered; once whole, it
/// waits for an analysis lane: ordinary uploads share one of <see cref="AppOptions.MaxConcurrentAnalyses"/>
/// with a short queue, large uploads take a lane of their own, one at a time, so they cannot starve
/// short ones. With every slot taken, or past a lane's queue, the app answers 503 at once instead of
/// stalling everyone.
/// </summary>
public sealed class AnalysisGate : IDisposable
{
    private readonly ConcurrencyLimiter _ordinary;
    private readonly ConcurrencyLimiter _large;
    private readonly ConcurrencyLimiter _uploads;
    private readonly long _largeFrom;

    /// <summary>The lanes for <paramref name="options"/>.</summary>
    public AnalysisGate(IOptions<AppOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = options.Value;
        int ordinary = Math.Max(1, app.MaxConcurrentAnalyses);
        _ordinary = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = ordinary,
            QueueLimit = Math.Max(0, app.MaxQueuedAnalyses),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _large = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = Math.Max(0, app.MaxQueuedLargeAnalyses), QueueProcessingOrder = QueueProcessingOrder.OldestFirst });
        _largeFrom = app.LargeUploadBytes;
        _uploads = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = Math.Max(1, app.MaxConcurrentUploads), QueueLimit = 0 });
        MostAtOnce = ordinary + 1;
    }

    /// <summary>The most analyses that run at once: both lanes full.</summary>
    public int MostAtOnce { get; }

    /// <summary>A slot to receive an upload in and hold it until it is answered; not acquired when every slot is taken.</summary>
    public ValueTask<RateLimitLease> ReceiveAsync(CancellationToken cancel) => _uploads.AcquireAsync(1, cancel);

    /// <summary>Waits for a turn to analyse an upload of <paramref name="bytes"/>; the lease is not acquired when the lane is full.</summary>
    public ValueTask<RateLimitLease> EnterAsync(long bytes, CancellationToken cancel) =>
        (bytes >= _largeFrom ? _large : _ordinary).AcquireAsync(1, cancel);

    /// <inheritdoc/>
    public void Dispose()
    {
        _ordinary.Dispose();
        _large.Dispose();
        _uploads.Dispose();
    }
}
