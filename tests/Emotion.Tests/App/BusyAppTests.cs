using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Emotion.Tests.App;

/// <summary>
/// The app with every analysis thread busy. Alone: another test's parallel loop takes every pool
/// thread there is, which the app's own requests would then wait for (a health check once took
/// 1.4 s beside the slow-upload tests and two CPU-spinning processes).
/// </summary>
[Collection(nameof(AloneCollection))]
public class BusyAppTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    [Fact]
    public async Task Health_MoreAnalysesThanPoolThreads_AnsweredAtOnce()
    {
        // Given an app analysing eight clips of five minutes at once (0.5 s of work each alone),
        // each holding a pool thread for its whole run: more than the threads a two-core pool
        // starts with. Before the app kept threads beyond its lanes, a request needing no analysis
        // waited up to 1.1-2.3 s (twelve runs of this test) for the pool to grow; now 0.1-0.4 s at
        // worst, also beside two CPU-spinning processes.
        var app = factory.WithWebHostBuilder(b => b.UseSetting("Emotion:MaxConcurrentAnalyses", "8").UseSetting("Emotion:LargeUploadBytes", "100000000"));
        var client = app.CreateClient();
        var speech = HostileUploadTests.LongSpeech(seconds: 300, rate: 8000, TestWav.Encoding.Pcm8);
        var running = Enumerable.Range(0, 8).Select(_ => ApiTests.Upload(client, speech, "long.wav")).ToList();

        // When health checks come one after another while they run
        var slowest = TimeSpan.Zero;
        int checks = 0;
        while (running.Any(r => !r.IsCompleted))
        {
            var (status, took) = await TimedHealth(client);
            Assert.Equal(HttpStatusCode.OK, status);
            slowest = took > slowest ? took : slowest;
            checks++;
        }

        // Then each is answered at once
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"the slowest of {checks} took {slowest.TotalSeconds:F1} s");
        Assert.All(await Task.WhenAll(running), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    private static async Task<(HttpStatusCode Status, TimeSpan Elapsed)> TimedHealth(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/health", TestContext.Current.CancellationToken);
        return (response.StatusCode, clock.Elapsed);
    }
}
